import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listAchievementPairs } from '../../matching/queue/list-achievement-pairs.ts';
import { partyPairsInput } from '../../matching/queue/party-input.ts';
import type { AppEnv } from '../env.ts';
import { achievementPairSchema } from '../queue-schemas.ts';
import { bearer, idParam, jsonOk, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/achievements/{id}/pairs',
  operationId: 'listAchievementPairs',
  tags: ['achievements'],
  summary: '成果的对接需求 Needs my achievement was accepted for (institution)',
  description:
    'Public needs minus their private fields; desensitised needs also without the enterprise; confidential needs ' +
    'as id, chain, status and dates only. The explanation is given only for public needs with no private fields.',
  security: bearer,
  request: { params: idParam, query: partyPairsInput },
  responses: { 200: jsonOk(pageOf(achievementPairSchema), 'Best score first'), ...problems(400, 401, 404) },
});

export function registerListAchievementPairs(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const input = c.req.valid('query');
    const page = await listAchievementPairs({ deps: c.get('deps'), actor: c.get('actor'), id, input });
    return c.json(page, 200);
  });
}

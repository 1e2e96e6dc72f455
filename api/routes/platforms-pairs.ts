import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { pageInput } from '../../matching/core/pagination.ts';
import { listPlatformPairs } from '../../matching/outcomes/list-platform-pairs.ts';
import type { AppEnv } from '../env.ts';
import { platformPairSchema } from '../outcome-schemas.ts';
import { bearer, idParam, jsonOk, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/platforms/{id}/pairs',
  operationId: 'listPlatformPairs',
  tags: ['platforms'],
  summary: '发往平台的对子 Pairs sent to a platform (its users, admins)',
  description:
    'Pairs with a PoC run or pilot at this platform, latest first, with the platform’s own runs. Both records are ' +
    'shown as their confidentiality allows anyone outside the pair.',
  security: bearer,
  request: { params: idParam, query: pageInput },
  responses: { 200: jsonOk(pageOf(platformPairSchema), 'One page'), ...problems(400, 401, 403, 404) },
});

export function registerListPlatformPairs(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const input = c.req.valid('query');
    return c.json(await listPlatformPairs({ deps: c.get('deps'), actor: c.get('actor'), id, input }), 200);
  });
}

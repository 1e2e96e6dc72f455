import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listAchievementsInput } from '../../matching/achievements/achievement-input.ts';
import { listAchievements } from '../../matching/achievements/list-achievements.ts';
import type { AppEnv } from '../env.ts';
import { achievementSchema, bearer, jsonOk, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/achievements',
  operationId: 'listAchievements',
  tags: ['achievements'],
  summary: '成果列表 List achievements',
  description: 'Institutions see their own; admins all; others the published, non-confidential pool.',
  security: bearer,
  request: { query: listAchievementsInput },
  responses: {
    200: jsonOk(pageOf(achievementSchema), 'One page of achievements, newest first'),
    ...problems(400, 401),
  },
});

export function registerListAchievements(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listAchievements({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

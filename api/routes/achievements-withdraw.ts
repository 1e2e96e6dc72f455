import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { withdrawAchievement } from '../../matching/achievements/withdraw-achievement.ts';
import type { AppEnv } from '../env.ts';
import { achievementSchema, bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/achievements/{id}/withdraw',
  operationId: 'withdrawAchievement',
  tags: ['achievements'],
  summary: '撤回成果 Withdraw an achievement',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(achievementSchema, 'The withdrawn achievement'), ...problems(401, 404, 409) },
});

export function registerWithdrawAchievement(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const achievement = await withdrawAchievement({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
    });
    return c.json(achievement, 200);
  });
}

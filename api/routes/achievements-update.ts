import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { updateAchievementInput } from '../../matching/achievements/achievement-input.ts';
import { updateAchievement } from '../../matching/achievements/update-achievement.ts';
import type { AppEnv } from '../env.ts';
import { achievementSchema, bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/achievements/{id}',
  tags: ['achievements'],
  summary: '修改成果 Update an achievement (own institution)',
  security: bearer,
  request: { params: idParam, body: jsonBody(updateAchievementInput) },
  responses: { 200: jsonOk(achievementSchema, 'The updated achievement'), ...problems(400, 401, 404, 409, 413, 415) },
});

export function registerUpdateAchievement(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const achievement = await updateAchievement({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
      input,
    });
    return c.json(achievement, 200);
  });
}

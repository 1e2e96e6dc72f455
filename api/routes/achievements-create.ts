import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createAchievementInput } from '../../matching/achievements/achievement-input.ts';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { achievementSchema, bearer, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/achievements',
  operationId: 'createAchievement',
  tags: ['achievements'],
  summary: '发布科技成果 Publish an achievement (institution)',
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/achievements' })] as const,
  request: { headers: idempotencyKeyHeader, body: jsonBody(createAchievementInput) },
  responses: { 201: jsonOk(achievementSchema, 'The created achievement'), ...problems(400, 401, 403, 409, 413, 415) },
});

export function registerCreateAchievement(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const achievement = await createAchievement({
      deps: c.get('deps'),
      actor: c.get('actor'),
      input: c.req.valid('json'),
    });
    return c.json(achievement, 201);
  });
}

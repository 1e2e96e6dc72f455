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
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(
      createAchievementInput,
      'Only `title` and `abstract` are required; without `chainId` the classifier files the achievement under a chain.',
      {
        title: '高盐印染废水臭氧催化氧化耦合纳滤回用技术',
        abstract: '负载型锰铈催化剂的臭氧催化氧化与纳滤组合，COD 去除率 85%，出水回用率超过 65%，已完成千吨级示范。',
        chainId: 'textile',
        keywords: ['臭氧催化氧化', '纳滤', '印染废水'],
        patents: [{ number: 'ZL202110123456.7', title: '一种负载型臭氧催化剂', status: 'granted' }],
        ipStatus: 'granted',
        trl: 7,
        team: { lead: '王教授', members: ['李博士'] },
        transferModes: ['licence', 'joint_development'],
        priceMin: 80,
        priceMax: 200,
      },
    ),
  },
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

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createNeed } from '../../matching/needs/create-need.ts';
import { createNeedInput } from '../../matching/needs/need-input.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { bearer, jsonBody, jsonOk, needSchema, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/needs',
  operationId: 'createNeed',
  tags: ['needs'],
  summary: '发布技术需求 Post a technical need (enterprise)',
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/needs' })] as const,
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(
      createNeedInput,
      'Only `title` and `description` are required; without `chainId` the classifier files the need under a chain. Fields named in `privateFields` stay hidden even from callers allowed to see the need.',
      {
        title: '动力电池包液冷板轻量化设计',
        description: '现有铝制液冷板重 4.2 kg，希望在换热不降的前提下减重 30%，并通过 IP67 与 1000 次冷热冲击测试。',
        chainId: 'nev',
        keywords: ['液冷板', '轻量化', '热管理'],
        trlMin: 4,
        trlMax: 7,
        budgetMin: 50,
        budgetMax: 200,
        deadline: '2027-06-30',
        cooperationModes: ['joint_development'],
        confidentiality: 'desensitised',
        privateFields: ['budgetMin', 'budgetMax'],
      },
    ),
  },
  responses: { 201: jsonOk(needSchema, 'The created need'), ...problems(400, 401, 403, 409, 413, 415) },
});

export function registerCreateNeed(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const need = await createNeed({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('json') });
    return c.json(need, 201);
  });
}

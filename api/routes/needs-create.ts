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
  request: { headers: idempotencyKeyHeader, body: jsonBody(createNeedInput) },
  responses: { 201: jsonOk(needSchema, 'The created need'), ...problems(400, 401, 403, 409, 413, 415) },
});

export function registerCreateNeed(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const need = await createNeed({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('json') });
    return c.json(need, 201);
  });
}

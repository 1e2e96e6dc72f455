import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createApiKey, createApiKeyInput } from '../../matching/admin/create-api-key.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { bearer, createdKeySchema, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/users/{id}/keys',
  operationId: 'createApiKey',
  tags: ['admin'],
  summary: '签发 API 密钥 Issue an API key for a user (admin; the secret is shown once)',
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/users/{id}/keys', secretBearing: true })] as const,
  request: {
    params: idParam,
    headers: idempotencyKeyHeader,
    body: jsonBody(createApiKeyInput, "A name to tell the user's keys apart (`default` when left out).", {
      name: 'erp-sync',
    }),
  },
  responses: { 201: jsonOk(createdKeySchema, 'The key, with its secret'), ...problems(400, 401, 403, 404, 409, 415) },
});

export function registerCreateKey(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const userId = c.req.valid('param').id;
    const key = await createApiKey({ deps: c.get('deps'), actor: c.get('actor'), userId, input: c.req.valid('json') });
    c.header('cache-control', 'no-store');
    return c.json(key, 201);
  });
}

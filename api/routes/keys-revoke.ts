import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { revokeApiKey } from '../../matching/admin/revoke-api-key.ts';
import type { AppEnv } from '../env.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/keys/{id}/revoke',
  operationId: 'revokeApiKey',
  tags: ['admin'],
  summary: '吊销 API 密钥 Revoke an API key (admin)',
  security: bearer,
  request: { params: idParam },
  responses: {
    200: jsonOk(z.object({ id: z.string(), revoked: z.literal(true) }), 'Revoked'),
    ...problems(401, 403, 404),
  },
});

export function registerRevokeKey(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const result = await revokeApiKey({ deps: c.get('deps'), actor: c.get('actor'), id: c.req.valid('param').id });
    return c.json(result, 200);
  });
}

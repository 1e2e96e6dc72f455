import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getPlatform } from '../../matching/platforms/get-platform.ts';
import type { AppEnv } from '../env.ts';
import { platformSchema } from '../platform-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/platforms/{id}',
  operationId: 'getPlatform',
  tags: ['platforms'],
  summary: '查看平台 Read a platform and its service catalogue',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(platformSchema, 'The platform'), ...problems(401, 404) },
});

export function registerGetPlatform(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    return c.json(await getPlatform({ deps: c.get('deps'), actor: c.get('actor'), id }), 200);
  });
}

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { roles } from '../../schema/enums.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['reference'],
  summary: '当前身份 Who this key belongs to',
  security: bearer,
  responses: {
    200: jsonOk(z.object({ userId: z.uuid(), orgId: z.uuid(), role: z.enum(roles) }), 'The caller'),
    ...problems(401),
  },
});

export function registerGetMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => c.json(c.get('actor'), 200));
}

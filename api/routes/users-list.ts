import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listUsers } from '../../matching/admin/list-users.ts';
import { listUsersInput } from '../../matching/admin/user-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, pageOf, problems, userSchema } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/users',
  operationId: 'listUsers',
  tags: ['admin'],
  summary: '用户列表 List users (admin)',
  security: bearer,
  request: { query: listUsersInput },
  responses: { 200: jsonOk(pageOf(userSchema), 'One page of users'), ...problems(400, 401, 403) },
});

export function registerListUsers(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await listUsers({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

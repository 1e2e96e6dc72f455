import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createUser } from '../../matching/admin/create-user.ts';
import { createUserInput } from '../../matching/admin/user-input.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { bearer, jsonBody, jsonOk, problems, userSchema } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/users',
  operationId: 'createUser',
  tags: ['admin'],
  summary: '新建用户 Create a user, with a manager profile for 技术经理人 (admin)',
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/users' })] as const,
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(
      createUserInput,
      '`manager` is the 技术经理人 profile (chains worked, pairs held at once, chief or not), for role `manager` only; left out, a manager covers no chain until one is set.',
      {
        orgId: '0b9d6c1e-3f4a-4e8b-9c2d-7a5e1f3b8d40',
        name: '技术经理人甲',
        email: 'manager@example.org',
        role: 'manager',
        manager: { chains: ['nev', 'ai'], capacity: 20 },
      },
    ),
  },
  responses: { 201: jsonOk(userSchema, 'The user'), ...problems(400, 401, 403, 409, 415) },
});

export function registerCreateUser(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const user = await createUser({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('json') });
    return c.json(user, 201);
  });
}

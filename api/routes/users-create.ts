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
  request: { headers: idempotencyKeyHeader, body: jsonBody(createUserInput) },
  responses: { 201: jsonOk(userSchema, 'The user'), ...problems(400, 401, 403, 409, 415) },
});

export function registerCreateUser(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const user = await createUser({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('json') });
    return c.json(user, 201);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { updatePlatformInput } from '../../matching/platforms/platform-input.ts';
import { updatePlatform } from '../../matching/platforms/update-platform.ts';
import type { AppEnv } from '../env.ts';
import { platformSchema } from '../platform-schemas.ts';
import { bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/platforms/{id}',
  operationId: 'updatePlatform',
  tags: ['platforms'],
  summary: '修改平台信息 Update a platform (admin or its own people)',
  description:
    "The platform's users and admins change its name, place and catalogue. Fields of the other kind (equipment " +
    'on a PoC centre, phases on a pilot platform) are 400 naming the field.',
  security: bearer,
  request: {
    params: idParam,
    body: jsonBody(updatePlatformInput, 'The fields to change.', { capacity: 15, pocPhases: [2, 3] }),
  },
  responses: { 200: jsonOk(platformSchema, 'The platform'), ...problems(400, 401, 403, 404, 413, 415) },
});

export function registerUpdatePlatform(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const input = c.req.valid('json');
    return c.json(await updatePlatform({ deps: c.get('deps'), actor: c.get('actor'), id, input }), 200);
  });
}

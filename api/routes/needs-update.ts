import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { updateNeedInput } from '../../matching/needs/need-input.ts';
import { updateNeed } from '../../matching/needs/update-need.ts';
import type { AppEnv } from '../env.ts';
import { bearer, idParam, jsonBody, jsonOk, needSchema, problems } from '../schemas.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/needs/{id}',
  tags: ['needs'],
  summary: '修改需求 Update a need (own organisation)',
  security: bearer,
  request: { params: idParam, body: jsonBody(updateNeedInput) },
  responses: { 200: jsonOk(needSchema, 'The updated need'), ...problems(400, 401, 404, 409, 413, 415) },
});

export function registerUpdateNeed(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const need = await updateNeed({ deps: c.get('deps'), actor: c.get('actor'), id: c.req.valid('param').id, input });
    return c.json(need, 200);
  });
}

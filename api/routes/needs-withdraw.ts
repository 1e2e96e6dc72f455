import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { withdrawNeed } from '../../matching/needs/withdraw-need.ts';
import type { AppEnv } from '../env.ts';
import { bearer, idParam, jsonOk, needSchema, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/needs/{id}/withdraw',
  operationId: 'withdrawNeed',
  tags: ['needs'],
  summary: '撤回需求 Withdraw a need (kept for the record, taken out of matching)',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(needSchema, 'The withdrawn need'), ...problems(401, 404, 409) },
});

export function registerWithdrawNeed(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const need = await withdrawNeed({ deps: c.get('deps'), actor: c.get('actor'), id: c.req.valid('param').id });
    return c.json(need, 200);
  });
}

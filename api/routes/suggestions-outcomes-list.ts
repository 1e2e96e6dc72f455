import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listOutcomes } from '../../matching/outcomes/list-outcomes.ts';
import type { AppEnv } from '../env.ts';
import { pairOutcomesSchema } from '../outcome-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/suggestions/{id}/outcomes',
  operationId: 'listOutcomes',
  tags: ['outcomes'],
  summary: '对子的转化结果 A pair’s outcomes, as the caller may see them',
  description:
    'For the pair’s managers and admins, everything. For the two parties once the pair is accepted: the outcomes ' +
    'without the other side’s private figures (the enterprise’s cost, vouchers and investment are not shown to ' +
    'the institution; the manager’s share is not shown to the enterprise), the other side as its confidentiality ' +
    'and disclosures allow, and the manager’s name. For a platform’s users, the runs at their platform.',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(pairOutcomesSchema, 'In recording order'), ...problems(401, 403, 404) },
});

export function registerListOutcomes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    return c.json(await listOutcomes({ deps: c.get('deps'), actor: c.get('actor'), id }), 200);
  });
}

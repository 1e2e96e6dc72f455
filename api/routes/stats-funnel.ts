import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getFunnel } from '../../matching/stats/get-funnel.ts';
import { statsFilters } from '../../matching/stats/stats-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';
import { funnelSchema } from '../stats-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/stats/funnel',
  operationId: 'getStatsFunnel',
  tags: ['stats'],
  summary: '漏斗 Conversion funnel',
  description:
    "Needs posted → needs with suggestions → pairs reviewed → accepted → PoC started → PoC passed → pilot started → pilot passed → deal signed → landed, cumulative. `from`/`to` select needs by posting day (UTC+8); `chain` and `district` (the enterprise's) filter needs. Admins see all (or one manager with `managerId`); a manager sees the pairs they hold.",
  security: bearer,
  request: { query: statsFilters },
  responses: { 200: jsonOk(funnelSchema, 'Computed from the event log'), ...problems(400, 401, 403) },
});

export function registerStatsFunnel(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await getFunnel({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

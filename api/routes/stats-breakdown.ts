import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getBreakdown } from '../../matching/stats/get-breakdown.ts';
import { breakdownInput } from '../../matching/stats/stats-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';
import { breakdownSchema } from '../stats-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/stats/breakdown',
  operationId: 'getStatsBreakdown',
  tags: ['stats'],
  summary: '分组 Funnel by chain, district, manager, institution, platform or ranker version',
  description:
    'Per group of `by` (default `chain`), the cumulative pair steps and the acceptance rate of routed pairs (per `rankerVersion`, whether learning helps). Same filters and slice as the funnel.',
  security: bearer,
  request: { query: breakdownInput },
  responses: { 200: jsonOk(breakdownSchema, 'Computed from the event log'), ...problems(400, 401, 403) },
});

export function registerStatsBreakdown(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await getBreakdown({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

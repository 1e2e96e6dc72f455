import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getDurations } from '../../matching/stats/get-durations.ts';
import { statsFilters } from '../../matching/stats/stats-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';
import { durationsSchema } from '../stats-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/stats/durations',
  operationId: 'getStatsDurations',
  tags: ['stats'],
  summary: '时长 Time between steps and SLA breaches',
  description:
    'Median and p90 hours between consecutive steps, over the pairs that reached both (a skipped step leaves the pair out of the spans around it), and SLA breaches: unclaimed pairs reassigned (or not) and undecided ones escalated. Same filters and slice as the funnel.',
  security: bearer,
  request: { query: statsFilters },
  responses: { 200: jsonOk(durationsSchema, 'Computed from the event log'), ...problems(400, 401, 403) },
});

export function registerStatsDurations(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await getDurations({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

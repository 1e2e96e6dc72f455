import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getSeries } from '../../matching/stats/get-series.ts';
import { seriesInput } from '../../matching/stats/stats-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';
import { seriesSchema } from '../stats-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/stats/series',
  operationId: 'getStatsSeries',
  tags: ['stats'],
  summary: '时间序列 Weekly or monthly series',
  description:
    'Needs posted, pairs accepted, deals and landings per week (from Monday) or month, UTC+8, each at its own time; `from`/`to` bound those times. Periods in between with nothing are listed with zeros.',
  security: bearer,
  request: { query: seriesInput },
  responses: { 200: jsonOk(seriesSchema, 'Computed from the event log'), ...problems(400, 401, 403) },
});

export function registerStatsSeries(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await getSeries({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

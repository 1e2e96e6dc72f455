import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getTargets } from '../../matching/stats/get-targets.ts';
import { targetsInput } from '../../matching/stats/stats-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';
import { targetsSchema } from '../stats-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/stats/targets',
  operationId: 'getStatsTargets',
  tags: ['stats'],
  summary: '年度目标 Annual targets and progress (admin)',
  description:
    "The plan's targets (Huzhou's 2026 plan by default; matching/stats/targets.json) with progress counted from the event log, each saying how, a linear projection to year end, and the PoC-centre build target from the platform registry.",
  security: bearer,
  request: { query: targetsInput },
  responses: { 200: jsonOk(targetsSchema, 'Computed from the event log'), ...problems(400, 401, 403) },
});

export function registerStatsTargets(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await getTargets({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

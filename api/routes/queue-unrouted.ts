import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { pageInput } from '../../matching/core/pagination.ts';
import { listUnrouted } from '../../matching/routing/list-unrouted.ts';
import type { AppEnv } from '../env.ts';
import { unroutedSchema } from '../queue-schemas.ts';
import { bearer, jsonOk, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/queue/unrouted',
  operationId: 'listUnroutedPairs',
  tags: ['queue'],
  summary: '未分派对子 Pairs no manager could take (admin)',
  description:
    'No chain, or no active, unconflicted manager for it, or every manager full and the chiefs past their ' +
    'overflow allowance (`routing.how` = `over_capacity`; admins are notified once per need). `routing` says ' +
    'who was considered and why not. The SLA sweep retries pairs waiting for capacity.',
  security: bearer,
  request: { query: pageInput },
  responses: { 200: jsonOk(pageOf(unroutedSchema), 'Oldest first'), ...problems(400, 401, 403) },
});

export function registerListUnrouted(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listUnrouted({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

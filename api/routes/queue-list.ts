import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listQueue } from '../../matching/queue/list-queue.ts';
import { listQueueInput } from '../../matching/queue/queue-input.ts';
import type { AppEnv } from '../env.ts';
import { pairListPageSchema } from '../queue-schemas.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/queue',
  operationId: 'listQueue',
  tags: ['queue'],
  summary: '我的待办对子 My queue of suggested pairs (manager)',
  description:
    'Pairs routed to you (and, for a chief manager, every routed pair of the chains you lead, and pairs escalated ' +
    'to you), highest priority first: score, raised as the need deadline nears and as the pair waits. Without ' +
    '`stage`, only pairs still being worked (routed … deal); `stage` takes several values (repeat it, or separate ' +
    'by commas). `needId` keeps one need; `olderThanHours` keeps pairs routed (or, if never routed, proposed) ' +
    'longer ago than that. `groupBy=need` returns one item per need — needs ordered by their best pair, each ' +
    'with all of its pairs matching the filters side by side — and pages and counts needs.',
  security: bearer,
  request: { query: listQueueInput },
  responses: {
    200: jsonOk(pairListPageSchema, 'One page of the queue (of needs with `groupBy=need`)'),
    ...problems(400, 401, 403),
  },
});

export function registerListQueue(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listQueue({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

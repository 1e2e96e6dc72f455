import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listSuggestions } from '../../matching/queue/list-suggestions.ts';
import { listSuggestionsInput } from '../../matching/queue/queue-input.ts';
import type { AppEnv } from '../env.ts';
import { pairListPageSchema } from '../queue-schemas.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/suggestions',
  operationId: 'listSuggestions',
  tags: ['queue'],
  summary: '全部对子 Every pair, filtered (admin)',
  description:
    'All pairs in any stage (unless `stage` says which; several values: repeat it, or separate by commas), ' +
    'highest priority first, with the records in full. The queue’s filters (`needId`, `chain`, `stage`, ' +
    '`olderThanHours`, `groupBy=need`) plus `managerId`, `achievementId` and `unrouted` (`true`: no manager ' +
    'holds the pair — not routed yet, or routing found nobody; `false`: some manager does). `allowedMoves` is ' +
    'empty: claims and decisions are the managers’.',
  security: bearer,
  request: { query: listSuggestionsInput },
  responses: {
    200: jsonOk(pairListPageSchema, 'One page of pairs (of needs with `groupBy=need`)'),
    ...problems(400, 401, 403),
  },
});

export function registerListSuggestions(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listSuggestions({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

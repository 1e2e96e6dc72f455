import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listSuggestionEvents } from '../../matching/queue/list-events.ts';
import type { AppEnv } from '../env.ts';
import { suggestionEventSchema } from '../queue-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/suggestions/{id}/events',
  operationId: 'listSuggestionEvents',
  tags: ['queue'],
  summary: '对子历史 A pair’s event log (its managers, admins)',
  description: 'Routing, claims, decisions, stage changes, reassignments and escalations, oldest first.',
  security: bearer,
  request: { params: idParam },
  responses: {
    200: jsonOk(z.object({ items: z.array(suggestionEventSchema) }), 'Every event'),
    ...problems(401, 403, 404),
  },
});

export function registerListSuggestionEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const events = await listSuggestionEvents({ deps: c.get('deps'), actor: c.get('actor'), id });
    return c.json(events, 200);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { claimSuggestion } from '../../matching/queue/claim-suggestion.ts';
import type { AppEnv } from '../env.ts';
import { queueItemSchema } from '../queue-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/claim',
  operationId: 'claimSuggestion',
  tags: ['queue'],
  summary: '认领对子 Claim a routed pair (manager)',
  description: 'Atomic: of several managers claiming at once exactly one wins; the others get 409.',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(queueItemSchema, 'The claimed pair'), ...problems(401, 403, 404, 409) },
});

export function registerClaimSuggestion(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const item = await claimSuggestion({ deps: c.get('deps'), actor: c.get('actor'), id: c.req.valid('param').id });
    return c.json(item, 200);
  });
}

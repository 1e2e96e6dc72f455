import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { decideSuggestion } from '../../matching/queue/decide-suggestion.ts';
import { decisionInput } from '../../matching/queue/queue-input.ts';
import type { AppEnv } from '../env.ts';
import { queueItemSchema } from '../queue-schemas.ts';
import { bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/decision',
  operationId: 'decideSuggestion',
  tags: ['queue'],
  summary: '采纳或拒绝 Accept or decline a claimed pair (manager)',
  description:
    'A decline needs a reason code; the note is optional. Accepting shows the pair to both parties. A decline ' +
    'tells no party: `not_relevant` records the pair as a negative example for learning and re-matches the need, ' +
    'so the next candidate above the cut-off (if any) is offered; other reasons are kept for statistics.',
  security: bearer,
  request: {
    params: idParam,
    body: jsonBody(decisionInput, 'Accept the pair, or decline it with a `reason`; `note` is optional either way.', {
      decision: 'decline',
      reason: 'too_early_stage',
      note: '成果仍在小试阶段',
    }),
  },
  responses: { 200: jsonOk(queueItemSchema, 'The decided pair'), ...problems(400, 401, 403, 404, 409, 413, 415) },
});

export function registerDecideSuggestion(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const id = c.req.valid('param').id;
    const item = await decideSuggestion({ deps: c.get('deps'), actor: c.get('actor'), id, input });
    return c.json(item, 200);
  });
}

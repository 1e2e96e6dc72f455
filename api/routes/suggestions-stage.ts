import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { moveStage } from '../../matching/queue/move-stage.ts';
import { stageMoveInput } from '../../matching/queue/queue-input.ts';
import type { AppEnv } from '../env.ts';
import { queueItemSchema } from '../queue-schemas.ts';
import { bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/stage',
  operationId: 'moveSuggestionStage',
  tags: ['queue'],
  summary: '推进转化阶段 Move an accepted pair along the chain (manager)',
  description:
    'accepted → contacted → (poc) → (pilot) → deal → landed; PoC and pilot may be skipped, never gone back to; ' +
    'failed and withdrawn leave any stage from accepted to deal. An illegal move is 409 `invalid_transition` ' +
    'whose detail names the allowed moves.',
  security: bearer,
  request: {
    params: idParam,
    body: jsonBody(stageMoveInput, "The stage to move to (one of the pair's `allowedMoves`) and an optional note.", {
      to: 'contacted',
      note: '已与双方约定线上沟通',
    }),
  },
  responses: { 200: jsonOk(queueItemSchema, 'The moved pair'), ...problems(400, 401, 403, 404, 409, 413, 415) },
});

export function registerMoveStage(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const id = c.req.valid('param').id;
    const item = await moveStage({ deps: c.get('deps'), actor: c.get('actor'), id, input });
    return c.json(item, 200);
  });
}

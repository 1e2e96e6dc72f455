import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { outcomeInput } from '../../matching/outcomes/outcome-input.ts';
import { recordOutcome } from '../../matching/outcomes/record-outcome.ts';
import type { AppEnv } from '../env.ts';
import { recordedOutcomeSchema } from '../outcome-schemas.ts';
import { bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/outcomes',
  operationId: 'recordOutcome',
  tags: ['outcomes'],
  summary: '记录转化结果 Record an outcome on a pair (manager, admin, platform)',
  description:
    'PoC per phase at a PoC centre serving it (`poc_started`, then `poc_result` passed / failed / inconclusive ' +
    'with a `reasonCode`), a pilot at a pilot platform (`pilot_started`, `pilot_result`), the `deal` ' +
    '(先用后转 needs `trialMonths`; a `managerShare` below 10 % is recorded with a warning), and the landing ' +
    '(`landed`, or `incubated` for 孵化). Outcomes move the pair: PoC started → poc, pilot started → pilot, deal → ' +
    'deal, landing → landed, a failed result with `endsPair` → failed; a failed phase may instead be retried at ' +
    'another centre. Something not allowed at this point is 409 `invalid_transition` naming what is. The pair’s ' +
    'managers and admins record everything; a platform’s users record results of runs at their platform.',
  security: bearer,
  request: {
    params: idParam,
    body: jsonBody(outcomeInput, 'One outcome, by `kind`.', {
      kind: 'poc_result',
      phase: 2,
      result: 'failed',
      reasonCode: 'process_not_scalable',
      metrics: { 回用率: 52 },
      cost: 18,
      voucher: 10,
    }),
  },
  responses: {
    201: jsonOk(recordedOutcomeSchema, 'The outcome, where the pair now stands and what may follow'),
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
});

export function registerRecordOutcome(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const id = c.req.valid('param').id;
    return c.json(await recordOutcome({ deps: c.get('deps'), actor: c.get('actor'), id, input }), 201);
  });
}

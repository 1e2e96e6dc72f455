import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { grantDisclosureInput } from '../../matching/queue/disclosure-input.ts';
import { grantPairDisclosure } from '../../matching/queue/grant-disclosure.ts';
import { disclosureSchema } from '../disclosure-schemas.ts';
import type { AppEnv } from '../env.ts';
import { bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/disclosure',
  operationId: 'discloseToCounterpart',
  tags: ['parties'],
  summary: '向对方披露 Disclose my record to this pair’s counterpart (owner, after acceptance)',
  description:
    'The owner of a confidential or desensitised need (or achievement) in an accepted pair lets the other party ' +
    'of this pair — no one else — see it as a public record (e.g. once an NDA is signed). Recorded as an event; ' +
    'revocable. 201 for a new grant, 200 when it was already granted. Admins must name the `side`.',
  security: bearer,
  request: {
    params: idParam,
    body: jsonBody(
      grantDisclosureInput,
      'Optional. `note` says why (e.g. the NDA), kept with the grant; admins, who own neither side, name the `side` they act for.',
      { note: '保密协议已于 2026-11-20 签署' },
      false,
    ),
  },
  responses: {
    201: jsonOk(disclosureSchema, 'The new grant'),
    200: jsonOk(disclosureSchema, 'Already granted: the live grant'),
    ...problems(400, 401, 404, 409, 413, 415),
  },
});

export function registerDisclosePair(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { disclosure, created } = await grantPairDisclosure({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
      input: c.req.valid('json') ?? {},
    });
    return c.json(disclosure, created ? 201 : 200);
  });
}

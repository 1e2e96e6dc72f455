import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { revokeDisclosureInput } from '../../matching/queue/disclosure-input.ts';
import { revokePairDisclosure } from '../../matching/queue/revoke-disclosure.ts';
import { disclosureSchema } from '../disclosure-schemas.ts';
import type { AppEnv } from '../env.ts';
import { bearer, idParam, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/suggestions/{id}/disclosure/revoke',
  operationId: 'revokeDisclosure',
  tags: ['parties'],
  summary: '撤销披露 Revoke a disclosure (owner)',
  description:
    'From now on the counterpart sees the record as its confidentiality allows again. Messages already ' +
    'delivered cannot be recalled. 404 when there is no live grant.',
  security: bearer,
  request: {
    params: idParam,
    body: jsonBody(
      revokeDisclosureInput,
      'Optional. Admins name the `side` whose disclosure they revoke.',
      { side: 'need' },
      false,
    ),
  },
  responses: { 200: jsonOk(disclosureSchema, 'The revoked grant'), ...problems(400, 401, 404, 409, 413, 415) },
});

export function registerRevokePairDisclosure(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const disclosure = await revokePairDisclosure({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
      input: c.req.valid('json') ?? {},
    });
    return c.json(disclosure, 200);
  });
}

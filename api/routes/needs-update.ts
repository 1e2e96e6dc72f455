import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { recordVersion } from '../../matching/core/record-version.ts';
import { updateNeedInput } from '../../matching/needs/need-input.ts';
import { updateNeed } from '../../matching/needs/update-need.ts';
import type { AppEnv } from '../env.ts';
import { etagHeader, formatEtag, ifMatchHeader, parseIfMatch, preconditionFailed } from '../etag.ts';
import { bearer, idParam, jsonBody, jsonOk, needSchema, problems } from '../schemas.ts';

const route = createRoute({
  method: 'patch',
  path: '/v1/needs/{id}',
  operationId: 'updateNeed',
  tags: ['needs'],
  summary: '修改需求 Update a need (own organisation)',
  description: 'Send the ETag of your last read as If-Match to update only that version (412 otherwise).',
  security: bearer,
  request: {
    params: idParam,
    headers: ifMatchHeader,
    body: jsonBody(updateNeedInput, 'Only the fields to change; the others keep their values.', {
      budgetMax: 260,
      deadline: '2027-09-30',
    }),
  },
  responses: {
    200: { ...jsonOk(needSchema, 'The updated need'), headers: etagHeader },
    ...problems(400, 401, 404, 409, 413, 415),
    ...preconditionFailed,
  },
});

export function registerUpdateNeed(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const ifVersion = parseIfMatch(c.req.header('if-match'));
    const need = await updateNeed({
      deps: c.get('deps'),
      actor: c.get('actor'),
      id: c.req.valid('param').id,
      input,
      ifVersion,
    });
    c.header('etag', formatEtag(recordVersion('need', need)));
    return c.json(need, 200);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { recordVersion } from '../../matching/core/record-version.ts';
import { getNeed } from '../../matching/needs/get-need.ts';
import type { AppEnv } from '../env.ts';
import { etagHeader, formatEtag } from '../etag.ts';
import { bearer, idParam, jsonOk, needSchema, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/needs/{id}',
  operationId: 'getNeed',
  tags: ['needs'],
  summary: '查看需求 Read a need',
  description: "Others' needs are shown only when open and not confidential, with private fields hidden.",
  security: bearer,
  request: { params: idParam },
  responses: {
    200: { ...jsonOk(needSchema, 'The need as this caller may see it'), headers: etagHeader },
    ...problems(401, 404),
  },
});

export function registerGetNeed(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const need = await getNeed({ deps: c.get('deps'), actor: c.get('actor'), id: c.req.valid('param').id });
    c.header('etag', formatEtag(recordVersion('need', need)));
    return c.json(need, 200);
  });
}

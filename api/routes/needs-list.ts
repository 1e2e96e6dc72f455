import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listNeeds } from '../../matching/needs/list-needs.ts';
import { listNeedsInput } from '../../matching/needs/need-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, needSchema, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/needs',
  operationId: 'listNeeds',
  tags: ['needs'],
  summary: '需求列表 List needs',
  description:
    "Enterprises see their organisation's needs; admins all; others open, non-confidential ones. " +
    '`matchState=no_match_yet` lists needs no fitting achievement was found for yet (admins and the owner only; ' +
    'a 400 naming the field for anyone else).',
  security: bearer,
  request: { query: listNeedsInput },
  responses: { 200: jsonOk(pageOf(needSchema), 'One page of needs, newest first'), ...problems(400, 401) },
});

export function registerListNeeds(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listNeeds({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

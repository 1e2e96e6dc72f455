import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listOrganisations } from '../../matching/admin/list-organisations.ts';
import { listOrganisationsInput } from '../../matching/admin/organisation-input.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, organisationSchema, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/organisations',
  operationId: 'listOrganisations',
  tags: ['admin'],
  summary: '机构列表 List organisations (admin)',
  security: bearer,
  request: { query: listOrganisationsInput },
  responses: { 200: jsonOk(pageOf(organisationSchema), 'One page, by name'), ...problems(400, 401, 403) },
});

export function registerListOrganisations(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await listOrganisations({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

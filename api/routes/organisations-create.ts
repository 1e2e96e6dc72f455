import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createOrganisation } from '../../matching/admin/create-organisation.ts';
import { createOrganisationInput } from '../../matching/admin/organisation-input.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { bearer, jsonBody, jsonOk, organisationSchema, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/organisations',
  operationId: 'createOrganisation',
  tags: ['admin'],
  summary: '新建机构 Create an organisation (admin)',
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/organisations' })] as const,
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(
      createOrganisationInput,
      '`creditCode` is the 18-character unified social credit code (统一社会信用代码).',
      {
        name: '湖州某新能源汽车零部件有限公司',
        kind: 'enterprise',
        district: '吴兴区',
        city: '湖州市',
        creditCode: '91330502MA2B3C4D5E',
      },
    ),
  },
  responses: { 201: jsonOk(organisationSchema, 'The organisation'), ...problems(400, 401, 403, 409, 415) },
});

export function registerCreateOrganisation(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const org = await createOrganisation({ deps: c.get('deps'), actor: c.get('actor'), input });
    return c.json(org, 201);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listPlatforms } from '../../matching/platforms/list-platforms.ts';
import { listPlatformsInput } from '../../matching/platforms/platform-input.ts';
import type { AppEnv } from '../env.ts';
import { platformSchema } from '../platform-schemas.ts';
import { bearer, jsonOk, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/platforms',
  operationId: 'listPlatforms',
  tags: ['platforms'],
  summary: '平台列表 List PoC centres and pilot platforms',
  description:
    'Filter by `kind`, `level`, `chain` and `field` served, `phase` (PoC phase 1–3 served) and `district`. ' +
    'National platforms first, then provincial, then municipal.',
  security: bearer,
  request: { query: listPlatformsInput },
  responses: { 200: jsonOk(pageOf(platformSchema), 'One page'), ...problems(400, 401) },
});

export function registerListPlatforms(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('query');
    return c.json(await listPlatforms({ deps: c.get('deps'), actor: c.get('actor'), input }), 200);
  });
}

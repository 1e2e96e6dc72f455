import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createPlatform } from '../../matching/platforms/create-platform.ts';
import { createPlatformInput } from '../../matching/platforms/platform-input.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { platformSchema } from '../platform-schemas.ts';
import { bearer, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/platforms',
  operationId: 'createPlatform',
  tags: ['platforms'],
  summary: '登记概念验证中心或中试平台 Register a PoC centre or pilot platform (admin)',
  description:
    "Creates the platform's organisation (kind `poc_centre` or `pilot_platform`) with its service catalogue. " +
    'PoC centres name their type, level and the PoC phases they serve; pilot platforms their processes, ' +
    "equipment and batch scale. The platform's people are then added as users of that organisation.",
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/platforms' })] as const,
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(createPlatformInput, 'A PoC centre or a pilot platform, by `kind`.', {
      kind: 'poc_centre',
      name: '湖州市新材料概念验证中心',
      district: '吴兴区',
      city: '湖州市',
      pocType: 'specialised',
      level: 'municipal',
      fields: ['新材料'],
      chains: [],
      pocPhases: [1, 2, 3],
      capacity: 12,
    }),
  },
  responses: { 201: jsonOk(platformSchema, 'The platform'), ...problems(400, 401, 403, 415) },
});

export function registerCreatePlatform(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    return c.json(await createPlatform({ deps: c.get('deps'), actor: c.get('actor'), input }), 201);
  });
}

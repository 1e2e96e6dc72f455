import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listChains } from '../../matching/admin/list-chains.ts';
import type { AppEnv } from '../env.ts';
import { bearer, chainSchema, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/chains',
  operationId: 'listChains',
  tags: ['reference'],
  summary: '产业链 The loaded industry taxonomy',
  security: bearer,
  responses: { 200: jsonOk(z.object({ items: z.array(chainSchema) }), 'All chains, in order'), ...problems(401) },
});

export function registerListChains(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ items: await listChains({ deps: c.get('deps') }) }, 200));
}

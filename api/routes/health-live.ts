import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonOk } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getLiveness',
  tags: ['operations'],
  security: [],
  summary: 'Liveness: the process is up',
  responses: { 200: jsonOk(z.object({ status: z.literal('ok') }), 'The process answers') },
});

export function registerHealthLive(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => c.json({ status: 'ok' as const }, 200));
}

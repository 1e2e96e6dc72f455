import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { checkReadiness, isReady } from '../../schema/readiness.ts';
import type { AppEnv } from '../env.ts';
import { jsonOk } from '../schemas.ts';

const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.boolean(),
  migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
});

const route = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['operations'],
  security: [],
  summary: 'Readiness: database reachable and all migrations applied',
  responses: { 200: jsonOk(readiness, 'Ready'), 503: jsonOk(readiness, 'Not ready') },
});

export function registerHealthReady(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const result = await checkReadiness(c.get('deps').db);
    if (isReady(result)) return c.json({ status: 'ready' as const, ...result }, 200);
    return c.json({ status: 'not_ready' as const, ...result }, 503);
  });
}

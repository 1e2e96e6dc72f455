import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { markAllNotificationsRead } from '../../matching/notifications/mark-all-notifications-read.ts';
import type { AppEnv } from '../env.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/notifications/read-all',
  operationId: 'markAllNotificationsRead',
  tags: ['notifications'],
  summary: '全部已读 Mark all my notifications read',
  security: bearer,
  responses: {
    200: jsonOk(z.object({ updated: z.number().int() }), 'How many were unread'),
    ...problems(401),
  },
});

export function registerReadAllNotifications(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const result = await markAllNotificationsRead({ deps: c.get('deps'), actor: c.get('actor') });
    return c.json(result, 200);
  });
}

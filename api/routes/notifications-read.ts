import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { markNotificationRead } from '../../matching/notifications/mark-notification-read.ts';
import type { AppEnv } from '../env.ts';
import { notificationSchema } from '../notification-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/notifications/{id}/read',
  operationId: 'markNotificationRead',
  tags: ['notifications'],
  summary: '标记已读 Mark one of my notifications read',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(notificationSchema, 'The notification, read'), ...problems(401, 404) },
});

export function registerReadNotification(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const id = c.req.valid('param').id;
    const notification = await markNotificationRead({ deps: c.get('deps'), actor: c.get('actor'), id });
    return c.json(notification, 200);
  });
}

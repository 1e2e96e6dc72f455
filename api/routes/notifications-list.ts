import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listNotifications } from '../../matching/notifications/list-notifications.ts';
import { listNotificationsInput } from '../../matching/notifications/notification-input.ts';
import type { AppEnv } from '../env.ts';
import { notificationPageSchema } from '../notification-schemas.ts';
import { bearer, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/notifications',
  operationId: 'listNotifications',
  tags: ['notifications'],
  summary: '我的通知 My notifications, newest first',
  description: 'A pair involving you was accepted or moved stage. `unread=true` lists only unread ones.',
  security: bearer,
  request: { query: listNotificationsInput },
  responses: { 200: jsonOk(notificationPageSchema, 'One page of my notifications'), ...problems(400, 401) },
});

export function registerListNotifications(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listNotifications({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

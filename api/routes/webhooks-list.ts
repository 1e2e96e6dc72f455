import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listWebhooks } from '../../matching/notifications/list-webhooks.ts';
import { listWebhooksInput } from '../../matching/notifications/notification-input.ts';
import type { AppEnv } from '../env.ts';
import { webhookSchema } from '../notification-schemas.ts';
import { bearer, jsonOk, pageOf, problems } from '../schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/webhooks',
  operationId: 'listWebhooks',
  tags: ['webhooks'],
  summary: 'Webhook 列表 My organisation’s webhooks (admins: all), without secrets',
  security: bearer,
  request: { query: listWebhooksInput },
  responses: { 200: jsonOk(pageOf(webhookSchema), 'One page of webhooks, newest first'), ...problems(400, 401) },
});

export function registerListWebhooks(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const page = await listWebhooks({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('query') });
    return c.json(page, 200);
  });
}

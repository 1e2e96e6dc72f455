import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { disableWebhook } from '../../matching/notifications/disable-webhook.ts';
import type { AppEnv } from '../env.ts';
import { webhookSchema } from '../notification-schemas.ts';
import { bearer, idParam, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/webhooks/{id}/disable',
  operationId: 'disableWebhook',
  tags: ['webhooks'],
  summary: '停用 Webhook Disable a webhook (pending retries stop too)',
  security: bearer,
  request: { params: idParam },
  responses: { 200: jsonOk(webhookSchema, 'The disabled webhook'), ...problems(401, 404) },
});

export function registerDisableWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const webhook = await disableWebhook({ deps: c.get('deps'), actor: c.get('actor'), id: c.req.valid('param').id });
    return c.json(webhook, 200);
  });
}

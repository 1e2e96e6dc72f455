import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createWebhook } from '../../matching/notifications/create-webhook.ts';
import { createWebhookInput } from '../../matching/notifications/notification-input.ts';
import type { AppEnv } from '../env.ts';
import { idempotencyKeyHeader, idempotent } from '../idempotency.ts';
import { createdWebhookSchema } from '../notification-schemas.ts';
import { bearer, jsonBody, jsonOk, problems } from '../schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/webhooks',
  operationId: 'createWebhook',
  tags: ['webhooks'],
  summary: '注册 Webhook Register a signed webhook for my organisation (the secret is shown once)',
  description:
    'Deliveries are POSTs of JSON signed with HMAC-SHA256 over X-Timestamp + "." + raw body; failed deliveries ' +
    'are retried with exponential backoff. Admins may pass `orgId`.',
  security: bearer,
  middleware: [idempotent({ scope: 'POST /v1/webhooks', secretBearing: true })] as const,
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(
      createWebhookInput,
      "An http(s) URL and the events to send to it; admins may register it for another organisation's `orgId`.",
      {
        url: 'https://erp.example.com/hooks/conversion-agent',
        events: ['suggestion.accepted'],
      },
    ),
  },
  responses: {
    201: jsonOk(createdWebhookSchema, 'The webhook, with its secret'),
    ...problems(400, 401, 403, 409, 415),
  },
});

export function registerCreateWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const webhook = await createWebhook({ deps: c.get('deps'), actor: c.get('actor'), input: c.req.valid('json') });
    c.header('cache-control', 'no-store');
    return c.json(webhook, 201);
  });
}

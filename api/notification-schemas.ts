import { z } from '@hono/zod-openapi';
import { adminNotificationTypes, notificationTypes, webhookEvents } from '../matching/notifications/notify-events.ts';

/** Response shapes of the inbox and webhook operations. Request shapes come from the domain's zod schemas. */
const timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-22T08:00:00.000Z' });

const partySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  chainId: z.string().nullable(),
  organisation: z
    .object({ id: z.uuid(), name: z.string().nullable() })
    .nullable()
    .openapi({ description: 'Null when the record is desensitised for you' }),
  redacted: z.array(z.string()),
});

export const notificationDataSchema = z
  .object({
    type: z.enum(webhookEvents),
    eventId: z.uuid(),
    suggestionId: z.uuid(),
    fromStage: z.string().nullable(),
    stage: z.string(),
    at: timestamp,
    message: z.string().openapi({ example: '「动力电池包液冷板轻量化」与「高导热铝合金液冷板」的对接：已采纳' }),
    need: partySummary.extend({
      trlMin: z.number().int().nullable(),
      trlMax: z.number().int().nullable(),
      budgetMin: z.number().nullable(),
      budgetMax: z.number().nullable(),
    }),
    achievement: partySummary.extend({
      trl: z.number().int().nullable(),
      priceMin: z.number().nullable(),
      priceMax: z.number().nullable(),
    }),
  })
  .openapi('NotificationData', {
    description: 'Also the `data` of a webhook body: {id, type, eventId, createdAt, data}',
  });

/** Admins only: a need that waits on the unrouted list (managers full, chiefs past their overflow allowance). */
export const unroutedNotificationDataSchema = z
  .object({
    type: z.enum(adminNotificationTypes),
    needId: z.uuid(),
    suggestionId: z.uuid(),
    reason: z.string().openapi({ enum: ['over_capacity', 'no_eligible_manager'] }),
    chainId: z.string().nullable(),
    at: timestamp,
    message: z.string().openapi({
      example: '「动力电池包液冷板轻量化」所属产业链的经理人已满额，首席经理人也已超出可承接上限，等待分派',
    }),
    need: z.object({
      id: z.uuid(),
      title: z.string().nullable(),
      chainId: z.string().nullable(),
      organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
  })
  .openapi('UnroutedNotificationData');

export const notificationSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(notificationTypes),
    data: z.union([notificationDataSchema, unroutedNotificationDataSchema]),
    readAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .openapi('Notification');

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  unread: z.number().int().openapi({ description: 'All unread notifications of the caller, whatever the page' }),
});

export const webhookSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
    createdAt: timestamp,
    disabledAt: timestamp.nullable(),
    failingDeliveries: z.number().int().openapi({ description: 'Deliveries attempted and not yet delivered' }),
  })
  .openapi('Webhook');

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().openapi({
      description:
        'HMAC key, shown only in this response. Each delivery carries X-Timestamp (unix seconds) and ' +
        'X-Signature: sha256=<hex HMAC-SHA256(secret, X-Timestamp + "." + raw body)>, plus X-Event-Id and ' +
        'X-Delivery-Id; reject timestamps more than 5 minutes off and dedupe on X-Delivery-Id.',
    }),
  })
  .openapi('CreatedWebhook');

import { z } from 'zod';
import { pageInput } from '../core/pagination.ts';
import { webhookEvents } from './notify-events.ts';

export const listNotificationsInput = pageInput.extend({
  /** Query strings are text; 'true' shows only unread notifications. */
  unread: z.enum(['true', 'false']).optional(),
});

export const createWebhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length),
  /** Admins may register a webhook for any organisation; everyone else only for their own. */
  orgId: z.uuid().optional(),
});

export const listWebhooksInput = pageInput.extend({ orgId: z.uuid().optional() });

export type ListNotificationsInput = z.input<typeof listNotificationsInput>;
export type CreateWebhookInput = z.input<typeof createWebhookInput>;
export type ListWebhooksInput = z.input<typeof listWebhooksInput>;

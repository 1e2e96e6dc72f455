import type { webhooks } from '../../schema/notifications.ts';
import type { WebhookEvent } from './notify-events.ts';

export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookView = Omit<WebhookRow, 'secret' | 'events'> & { events: WebhookEvent[]; failingDeliveries: number };

/** Never carries the secret: it is returned once, by create, and nowhere else. */
export function toWebhookView(row: WebhookRow, failingDeliveries = 0): WebhookView {
  const { secret: _secret, events, ...rest } = row;
  // Only createWebhook writes `events`, from the validated enum.
  return { ...rest, events: events as WebhookEvent[], failingDeliveries };
}

import { z } from 'zod';

/** What parties can subscribe to; also the inbox row's `type`. */
export const webhookEvents = ['suggestion.accepted', 'suggestion.stage_changed'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** Inbox-only notifications for admins (no webhooks: they concern the bureau's own work, not a party's). */
export const adminNotificationTypes = ['routing.need_unrouted'] as const;
export type AdminNotificationType = (typeof adminNotificationTypes)[number];
export const notificationTypes = [...webhookEvents, ...adminNotificationTypes] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** The notify job's payload: ids only, the processor loads the rest. */
export const notifyPayload = z.object({ eventId: z.uuid() });
export type NotifyPayload = z.infer<typeof notifyPayload>;

// Parties only ever see a pair once a manager has accepted it; routing, claims and declines stay internal.
const workingStages = new Set(['accepted', 'contacted', 'poc', 'pilot', 'deal']);
const laterStages = new Set(['contacted', 'poc', 'pilot', 'deal', 'landed', 'failed', 'withdrawn']);

/** Which notification a suggestion event is, or null for events the parties are not told about. */
export function notificationTypeOf(event: {
  type: string;
  fromStage: string | null;
  toStage: string | null;
}): WebhookEvent | null {
  if (event.type === 'accepted' || event.toStage === 'accepted') return 'suggestion.accepted';
  if (!event.toStage || !laterStages.has(event.toStage) || event.toStage === event.fromStage) return null;
  // A withdrawal before acceptance (say the need was withdrawn while the pair sat in a queue) concerns no party.
  if (event.fromStage && !workingStages.has(event.fromStage)) return null;
  return 'suggestion.stage_changed';
}

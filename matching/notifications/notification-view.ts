import type { notifications } from '../../schema/notifications.ts';
import type { NotificationData } from './notification-data.ts';
import type { WebhookEvent } from './notify-events.ts';

type NotificationRow = typeof notifications.$inferSelect;
export type NotificationView = {
  id: string;
  type: WebhookEvent;
  data: NotificationData;
  readAt: Date | null;
  createdAt: Date;
};

/**
 * The recipient and the dedupe key are plumbing, not something a client acts on. The casts trust the one
 * writer of these rows (process-notify), which builds `type` and `data` from the same typed functions.
 */
export const toNotificationView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  type: row.type as WebhookEvent,
  data: row.data as NotificationData,
  readAt: row.readAt,
  createdAt: row.createdAt,
});

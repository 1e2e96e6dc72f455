import type { notifications } from '../../schema/notifications.ts';
import type { NotificationData } from './notification-data.ts';
import type { UnroutedNotificationData } from './notify-admins-unrouted.ts';
import type { NotificationType } from './notify-events.ts';

type NotificationRow = typeof notifications.$inferSelect;
export type NotificationView = {
  id: string;
  type: NotificationType;
  data: NotificationData | UnroutedNotificationData;
  readAt: Date | null;
  createdAt: Date;
};

/**
 * The recipient and the dedupe key are plumbing, not something a client acts on. The casts trust the
 * writers of these rows (process-notify; notify-admins-unrouted for admins), which build `type` and `data` from typed functions.
 */
export const toNotificationView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  type: row.type as NotificationType,
  data: row.data as NotificationData | UnroutedNotificationData,
  readAt: row.readAt,
  createdAt: row.createdAt,
});

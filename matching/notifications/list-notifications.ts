import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../schema/notifications.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { type ListNotificationsInput, listNotificationsInput } from './notification-input.ts';
import { type NotificationView, toNotificationView } from './notification-view.ts';

/** The caller's own inbox, newest first; `unread` counts all unread ones whatever the page, for a badge. */
export async function listNotifications({
  deps,
  actor,
  input,
}: WithInput<ListNotificationsInput | unknown>): Promise<Page<NotificationView> & { unread: number }> {
  const query = parseInput(listNotificationsInput, input);
  const mine = eq(notifications.userId, actor.userId);
  const unreadOnly = and(mine, isNull(notifications.readAt));
  const where = query.unread === 'true' ? unreadOnly : mine;
  const [rows, totals, unread] = await Promise.all([
    deps.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    deps.db.select({ n: count() }).from(notifications).where(where),
    deps.db.select({ n: count() }).from(notifications).where(unreadOnly),
  ]);
  return {
    items: rows.map(toNotificationView),
    page: query.page,
    pageSize: query.pageSize,
    total: totals[0]?.n ?? 0,
    unread: unread[0]?.n ?? 0,
  };
}

import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../../schema/notifications.ts';
import { NotFoundError } from '../core/errors.ts';
import type { WithId } from '../core/verb.ts';
import { type NotificationView, toNotificationView } from './notification-view.ts';

/** Only the recipient can mark a notification; anyone else's id answers 404 like a missing one. */
export async function markNotificationRead({ deps, actor, id }: WithId): Promise<NotificationView> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('notification');
  const [row] = await deps.db
    .update(notifications)
    // Reading twice keeps the first read time.
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${deps.clock.now().toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
    .returning();
  if (!row) throw new NotFoundError('notification');
  return toNotificationView(row);
}

import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../schema/notifications.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';

/** Marks every unread notification of the caller; answers how many changed. */
export async function markAllNotificationsRead({ deps, actor }: { deps: Deps; actor: Actor }) {
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

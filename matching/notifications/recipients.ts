import { and, eq } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { users } from '../../schema/users.ts';
import type { EventContext } from './event-context.ts';
import type { Audience } from './notification-data.ts';

export type Recipient = { userId: string; audience: Audience };

/**
 * The people a pair concerns: the enterprise's users, the institution's users and the assigned manager.
 * Only users whose role matches their side, so a manager working inside a university does not receive the
 * university's copy; each person once.
 */
export async function recipientsOf(db: Db, ctx: EventContext): Promise<Recipient[]> {
  const [enterprise, institution] = await Promise.all([
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, ctx.need.orgId), eq(users.role, 'enterprise'))),
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, ctx.achievement.orgId), eq(users.role, 'institution'))),
  ]);
  const byUser = new Map<string, Audience>();
  if (ctx.suggestion.managerId) byUser.set(ctx.suggestion.managerId, 'manager');
  for (const u of enterprise) if (!byUser.has(u.id)) byUser.set(u.id, 'enterprise');
  for (const u of institution) if (!byUser.has(u.id)) byUser.set(u.id, 'institution');
  return [...byUser].map(([userId, audience]) => ({ userId, audience }));
}

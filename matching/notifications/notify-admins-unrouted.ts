import { eq } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { notifications } from '../../schema/notifications.ts';
import { organisations } from '../../schema/organisations.ts';
import { users } from '../../schema/users.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { AdminNotificationType } from './notify-events.ts';

export type UnroutedNotificationData = {
  type: AdminNotificationType;
  needId: string;
  suggestionId: string;
  /** Why nobody took it: `over_capacity` (managers full, chiefs past their allowance) or `no_eligible_manager`. */
  reason: string;
  chainId: string | null;
  at: string;
  message: string;
  need: { id: string; title: string | null; chainId: string | null; organisation: { id: string; name: string } | null };
};

/**
 * Tells every admin, in the routing transaction, that a need waits on the unrouted list. Once per need
 * (the dedupe key is the need's), however many of its pairs and retries hit the same wall. Admins see
 * records in full under the disclosure rule, so the need's title and enterprise are named.
 */
export async function notifyAdminsUnrouted(
  tx: Db,
  input: { needId: string; suggestionId: string; reason: string; at: Date },
): Promise<number> {
  const [row] = await tx.select().from(needs).where(eq(needs.id, input.needId));
  if (!row) return 0;
  const need = discloseRecord('need', row, 'full');
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
  if (admins.length === 0) return 0;
  const [org] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, row.orgId));
  const data: UnroutedNotificationData = {
    type: 'routing.need_unrouted',
    needId: need.id,
    suggestionId: input.suggestionId,
    reason: input.reason,
    chainId: need.chainId,
    at: input.at.toISOString(),
    message: `「${need.title}」${input.reason === 'over_capacity' ? '所属产业链的经理人已满额，首席经理人也已超出可承接上限' : '暂无可承接的经理人'}，等待分派`,
    need: { id: need.id, title: need.title, chainId: need.chainId, organisation: org ?? null },
  };
  const written = await tx
    .insert(notifications)
    .values(
      admins.map((a) => ({
        userId: a.id,
        type: data.type,
        dedupeKey: `need-unrouted-${input.needId}-${a.id}`,
        data,
        createdAt: input.at,
      })),
    )
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return written.length;
}

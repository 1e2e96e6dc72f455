import { and, eq, notInArray } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { ConflictError } from '../core/errors.ts';
import { bumpedUpdatedAt } from '../core/record-version.ts';
import type { WithId } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { ingestWork } from '../pipeline/record-ingest.ts';
import { recordChanged } from '../records/record-event.ts';
import { loadOwnNeed } from './load-need.ts';
import { type NeedView, toNeedView } from './need-view.ts';

/** Withdrawal keeps the record (statistics and history need it) and takes it out of matching. */
export async function withdrawNeed({ deps, actor, id }: WithId): Promise<NeedView> {
  const current = await loadOwnNeed(deps, actor, id);
  // The status guard in the WHERE makes two concurrent withdrawals answer 200 once and 409 once.
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log, jobs }) => {
    const [updated] = await tx
      .update(needs)
      .set({ status: 'withdrawn', updatedAt: bumpedUpdatedAt(needs.updatedAt, now) })
      .where(and(eq(needs.id, current.id), notInArray(needs.status, ['withdrawn', 'closed', 'solved'])))
      .returning();
    if (updated) {
      await jobs([ingestWork('need', updated.id)]);
      log(recordChanged('need', 'withdrawn', updated, actor, now));
    }
    return updated;
  });
  if (!row) throw new ConflictError('need_not_withdrawable', { status: current.status });
  return toNeedView('full', row);
}

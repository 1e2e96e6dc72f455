import { eq } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { ConflictError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { recordIngest } from '../pipeline/record-ingest.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { loadOwnNeed } from './load-need.ts';
import { type UpdateNeedInput, updateNeedInput } from './need-input.ts';
import { type NeedView, toNeedView } from './need-view.ts';

const finishedStatuses = new Set(['withdrawn', 'closed', 'solved']);

export async function updateNeed({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<UpdateNeedInput | unknown>): Promise<NeedView> {
  const changes = parseInput(updateNeedInput, input);
  const current = await loadOwnNeed(deps, actor, id);
  if (finishedStatuses.has(current.status)) throw new ConflictError('need_not_editable', { status: current.status });
  const merged = { ...current, ...changes };
  assertRangesOrdered([
    ['trlMin', merged.trlMin, merged.trlMax],
    ['budgetMin', merged.budgetMin, merged.budgetMax],
  ]);
  await assertChainsExist(deps.db, 'chainId', [changes.chainId]);
  const row = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(needs)
      .set({ ...changes, updatedAt: deps.clock.now() })
      .where(eq(needs.id, current.id))
      .returning();
    if (updated) await recordIngest(tx, 'need', updated.id);
    return updated;
  });
  if (!row) throw new Error('update returned no row');
  return toNeedView('full', row);
}

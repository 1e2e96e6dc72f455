import { and, eq } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { ConflictError, PreconditionFailedError } from '../core/errors.ts';
import { assertExpectedVersion, bumpedUpdatedAt, stillAtVersion } from '../core/record-version.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { ingestWork } from '../pipeline/record-ingest.ts';
import { ownerChainColumns } from '../records/chain-choice.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { recordChanged } from '../records/record-event.ts';
import { loadOwnNeed } from './load-need.ts';
import { type UpdateNeedInput, updateNeedInput } from './need-input.ts';
import { type NeedView, toNeedView } from './need-view.ts';

const finishedStatuses = new Set(['withdrawn', 'closed', 'solved']);

export async function updateNeed({
  deps,
  actor,
  id,
  input,
  ifVersion,
}: WithIdAndInput<UpdateNeedInput | unknown> & {
  /** From If-Match: the update applies only while the record is at one of these versions (record-version.ts). */
  ifVersion?: readonly string[] | undefined;
}): Promise<NeedView> {
  const changes = parseInput(updateNeedInput, input);
  const current = await loadOwnNeed(deps, actor, id);
  assertExpectedVersion('need', current, ifVersion);
  if (finishedStatuses.has(current.status)) throw new ConflictError('need_not_editable', { status: current.status });
  const merged = { ...current, ...changes };
  assertRangesOrdered([
    ['trlMin', merged.trlMin, merged.trlMax],
    ['budgetMin', merged.budgetMin, merged.budgetMax],
  ]);
  await assertChainsExist(deps.db, 'chainId', [changes.chainId]);
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log, jobs }) => {
    const [updated] = await tx
      .update(needs)
      .set({
        ...changes,
        ...ownerChainColumns(changes.chainId),
        updatedAt: bumpedUpdatedAt(needs.updatedAt, now),
      })
      .where(and(eq(needs.id, current.id), ifVersion ? stillAtVersion(needs.updatedAt, current.updatedAt) : undefined))
      .returning();
    if (updated) {
      await jobs([ingestWork('need', updated.id)]);
      log(recordChanged('need', 'updated', updated, actor, now, Object.keys(changes)));
    }
    return updated;
  });
  // Only a conditional update can miss: another writer moved the record on since it was read.
  if (!row && ifVersion) throw new PreconditionFailedError('version_mismatch');
  if (!row) throw new Error('update returned no row');
  return toNeedView('full', row);
}

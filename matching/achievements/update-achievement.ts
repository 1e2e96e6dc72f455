import { and, eq } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
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
import { type UpdateAchievementInput, updateAchievementInput } from './achievement-input.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadOwnAchievement } from './load-achievement.ts';

export async function updateAchievement({
  deps,
  actor,
  id,
  input,
  ifVersion,
}: WithIdAndInput<UpdateAchievementInput | unknown> & {
  /** From If-Match: the update applies only while the record is at one of these versions (record-version.ts). */
  ifVersion?: readonly string[] | undefined;
}): Promise<AchievementView> {
  const changes = parseInput(updateAchievementInput, input);
  const current = await loadOwnAchievement(deps, actor, id);
  assertExpectedVersion('achievement', current, ifVersion);
  if (current.status === 'withdrawn') throw new ConflictError('achievement_not_editable', { status: current.status });
  const merged = { ...current, ...changes };
  assertRangesOrdered([['priceMin', merged.priceMin, merged.priceMax]]);
  await assertChainsExist(deps.db, 'chainId', [changes.chainId]);
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log, jobs }) => {
    const [updated] = await tx
      .update(achievements)
      .set({
        ...changes,
        ...ownerChainColumns(changes.chainId),
        updatedAt: bumpedUpdatedAt(achievements.updatedAt, now),
      })
      .where(
        and(
          eq(achievements.id, current.id),
          ifVersion ? stillAtVersion(achievements.updatedAt, current.updatedAt) : undefined,
        ),
      )
      .returning();
    if (updated) {
      await jobs([ingestWork('achievement', updated.id)]);
      log(recordChanged('achievement', 'updated', updated, actor, now, Object.keys(changes)));
    }
    return updated;
  });
  // Only a conditional update can miss: another writer moved the record on since it was read.
  if (!row && ifVersion) throw new PreconditionFailedError('version_mismatch');
  if (!row) throw new Error('update returned no row');
  return toAchievementView('full', row);
}

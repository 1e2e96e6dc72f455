import { eq } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import { ConflictError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { recordIngest } from '../pipeline/record-ingest.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { type UpdateAchievementInput, updateAchievementInput } from './achievement-input.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadOwnAchievement } from './load-achievement.ts';

export async function updateAchievement({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<UpdateAchievementInput | unknown>): Promise<AchievementView> {
  const changes = parseInput(updateAchievementInput, input);
  const current = await loadOwnAchievement(deps, actor, id);
  if (current.status === 'withdrawn') throw new ConflictError('achievement_not_editable', { status: current.status });
  const merged = { ...current, ...changes };
  assertRangesOrdered([['priceMin', merged.priceMin, merged.priceMax]]);
  await assertChainsExist(deps.db, 'chainId', [changes.chainId]);
  const row = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(achievements)
      .set({ ...changes, updatedAt: deps.clock.now() })
      .where(eq(achievements.id, current.id))
      .returning();
    if (updated) await recordIngest(tx, 'achievement', updated.id);
    return updated;
  });
  if (!row) throw new Error('update returned no row');
  return toAchievementView('full', row);
}

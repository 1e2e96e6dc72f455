import { achievements } from '../../schema/achievements.ts';
import { ForbiddenError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { ingestWork } from '../pipeline/record-ingest.ts';
import { ownerChainColumns } from '../records/chain-choice.ts';
import { assertChainsExist } from '../records/chains.ts';
import { assertRangesOrdered } from '../records/ranges.ts';
import { recordChanged } from '../records/record-event.ts';
import { type CreateAchievementInput, createAchievementInput } from './achievement-input.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';

export async function createAchievement({
  deps,
  actor,
  input,
}: WithInput<CreateAchievementInput | unknown>): Promise<AchievementView> {
  if (actor.role !== 'institution') throw new ForbiddenError('only_institutions_publish_achievements');
  const data = parseInput(createAchievementInput, input);
  assertRangesOrdered([['priceMin', data.priceMin, data.priceMax]]);
  await assertChainsExist(deps.db, 'chainId', [data.chainId]);
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log, jobs }) => {
    const [inserted] = await tx
      .insert(achievements)
      .values({
        ...data,
        ...ownerChainColumns(data.chainId),
        orgId: actor.orgId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await jobs([ingestWork('achievement', inserted.id)]);
    log(recordChanged('achievement', 'created', inserted, actor, now));
    return inserted;
  });
  return toAchievementView('full', row);
}

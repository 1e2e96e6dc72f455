import { and, eq, ne } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import { ConflictError } from '../core/errors.ts';
import { bumpedUpdatedAt } from '../core/record-version.ts';
import type { WithId } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { ingestWork } from '../pipeline/record-ingest.ts';
import { recordChanged } from '../records/record-event.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadOwnAchievement } from './load-achievement.ts';

export async function withdrawAchievement({ deps, actor, id }: WithId): Promise<AchievementView> {
  const current = await loadOwnAchievement(deps, actor, id);
  const now = deps.clock.now();
  const row = await write(deps, async ({ tx, log, jobs }) => {
    const [updated] = await tx
      .update(achievements)
      .set({ status: 'withdrawn', updatedAt: bumpedUpdatedAt(achievements.updatedAt, now) })
      .where(and(eq(achievements.id, current.id), ne(achievements.status, 'withdrawn')))
      .returning();
    if (updated) {
      await jobs([ingestWork('achievement', updated.id)]);
      log(recordChanged('achievement', 'withdrawn', updated, actor, now));
    }
    return updated;
  });
  if (!row) throw new ConflictError('achievement_not_withdrawable', { status: current.status });
  return toAchievementView('full', row);
}

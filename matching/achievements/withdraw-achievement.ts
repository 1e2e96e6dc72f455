import { and, eq, ne } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import { ConflictError } from '../core/errors.ts';
import { bumpedUpdatedAt } from '../core/record-version.ts';
import type { WithId } from '../core/verb.ts';
import { recordIngest } from '../pipeline/record-ingest.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadOwnAchievement } from './load-achievement.ts';

export async function withdrawAchievement({ deps, actor, id }: WithId): Promise<AchievementView> {
  const current = await loadOwnAchievement(deps, actor, id);
  const row = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(achievements)
      .set({ status: 'withdrawn', updatedAt: bumpedUpdatedAt(achievements.updatedAt, deps.clock.now()) })
      .where(and(eq(achievements.id, current.id), ne(achievements.status, 'withdrawn')))
      .returning();
    if (updated) await recordIngest(tx, 'achievement', updated.id);
    return updated;
  });
  if (!row) throw new ConflictError('achievement_not_withdrawable', { status: current.status });
  return toAchievementView('full', row);
}

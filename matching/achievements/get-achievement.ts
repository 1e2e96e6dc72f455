import type { WithId } from '../core/verb.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadVisibleAchievement } from './load-achievement.ts';

export async function getAchievement({ deps, actor, id }: WithId): Promise<AchievementView> {
  const { row, access } = await loadVisibleAchievement(deps, actor, id);
  return toAchievementView(access, row);
}

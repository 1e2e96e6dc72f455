import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadVisibleAchievement } from './load-achievement.ts';

export async function getAchievement({
  deps,
  actor,
  id,
}: {
  deps: Deps;
  actor: Actor;
  id: string;
}): Promise<AchievementView> {
  const { row, access } = await loadVisibleAchievement(deps, actor, id);
  return toAchievementView(access, row);
}

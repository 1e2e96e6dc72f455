import type { WithId } from '../core/verb.ts';
import { logConfidentialReads } from '../disclosure/confidential-reads.ts';
import { type AchievementView, toAchievementView } from './achievement-view.ts';
import { loadVisibleAchievement } from './load-achievement.ts';

export async function getAchievement({ deps, actor, id }: WithId): Promise<AchievementView> {
  const { row, access } = await loadVisibleAchievement(deps, actor, id);
  await logConfidentialReads(deps, actor, [{ ...row, kind: 'achievement', level: access }], 'get');
  return toAchievementView(access, row);
}

import type { achievements } from '../../schema/achievements.ts';
import type { Actor } from '../core/actor.ts';
import { type Access, accessFor, redact } from '../records/visibility.ts';

export type AchievementRow = typeof achievements.$inferSelect;
export type AchievementView = Omit<AchievementRow, 'orgId' | 'createdBy'> & {
  orgId: string | null;
  createdBy: string | null;
  redacted: string[];
};

export const isAchievementListed = (row: AchievementRow) => row.status === 'published';

export function achievementAccess(actor: Actor, row: AchievementRow): Access {
  return accessFor(actor, row, isAchievementListed(row), 'institution');
}

/** Desensitised achievements hide who made them: institution, people and patent numbers identify a team. */
export function toAchievementView(access: Exclude<Access, 'none'>, row: AchievementRow): AchievementView {
  if (access === 'full') return { ...row, redacted: [] };
  const hidden = access === 'desensitised' ? ['orgId', 'createdBy', 'team', 'patents'] : [];
  return redact(row, hidden);
}

import type { Actor } from '../core/actor.ts';
import { browseLevel } from '../disclosure/audience.ts';
import type { DisclosureLevel } from '../disclosure/levels.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { AchievementRow } from '../disclosure/record-rows.ts';

export type { AchievementRow };
export type AchievementView = Omit<AchievementRow, 'orgId' | 'createdBy' | 'importKey'> & {
  orgId: string | null;
  createdBy: string | null;
  importKey: string | null;
  redacted: string[];
};

type Access = Exclude<DisclosureLevel, 'minimal'>;

export const isAchievementListed = (row: AchievementRow) => row.status === 'published';

export function achievementAccess(actor: Actor, row: AchievementRow): Access | 'none' {
  const level = browseLevel(actor, row, isAchievementListed(row), 'institution');
  return level === 'minimal' ? 'none' : level;
}

/** The achievement as a browsing audience sees it (disclosure/policy.ts decides which fields each level hides). */
export function toAchievementView(access: Access, row: AchievementRow): AchievementView {
  return discloseRecord('achievement', row, access);
}

import type { Actor } from '../core/actor.ts';
import { type BrowseLevel, browseLevel } from '../disclosure/audience.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { AchievementRow } from '../disclosure/record-rows.ts';

export type { AchievementRow };
export type AchievementView = Omit<AchievementRow, 'orgId' | 'createdBy' | 'importKey'> & {
  orgId: string | null;
  createdBy: string | null;
  importKey: string | null;
  redacted: string[];
};

export const isAchievementListed = (row: AchievementRow) => row.status === 'published';

export const achievementAccess = (actor: Actor, row: AchievementRow): BrowseLevel | 'none' =>
  browseLevel(actor, row, isAchievementListed(row), 'institution');

/** The achievement as a browsing audience sees it (disclosure/policy.ts decides which fields each level hides). */
export function toAchievementView(access: BrowseLevel, row: AchievementRow): AchievementView {
  return discloseRecord('achievement', row, access);
}

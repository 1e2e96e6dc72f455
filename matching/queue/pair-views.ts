import type { AchievementView } from '../achievements/achievement-view.ts';
import type { DisclosureLevel } from '../disclosure/levels.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { AchievementRow, NeedRow } from '../disclosure/record-rows.ts';
import type { NeedView } from '../needs/need-view.ts';

/**
 * One side of a pair as its audience sees it. The level comes from disclosure/audience.ts `pairSideLevel`; at
 * `minimal` (a confidential record seen from the other side) even the title and text are blank.
 */
export type PairNeedView = Omit<NeedView, 'title' | 'description'> & {
  title: string | null;
  description: string | null;
};
export type PairAchievementView = Omit<AchievementView, 'title' | 'abstract'> & {
  title: string | null;
  abstract: string | null;
};

export const pairNeedView = (row: NeedRow, level: DisclosureLevel): PairNeedView => discloseRecord('need', row, level);

export const pairAchievementView = (row: AchievementRow, level: DisclosureLevel): PairAchievementView =>
  discloseRecord('achievement', row, level);

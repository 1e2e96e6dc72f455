import { loadOwnAchievement } from '../achievements/load-achievement.ts';
import type { Page, PageInput } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import type { Explanation } from '../ranking/explanation.ts';
import type { PairNeedView } from './pair-views.ts';
import { partyPairsInput } from './party-input.ts';
import { partyPairsPage } from './party-pairs-page.ts';
import { partySidePairs } from './party-side.ts';
import type { Stage } from './stage-machine.ts';

export type AchievementPairView = {
  id: string;
  stage: Stage;
  score: number;
  explanation: Explanation;
  managerId: string | null;
  decidedAt: Date | null;
  updatedAt: Date;
  /** Whether the enterprise has disclosed its confidential or desensitised need to this institution. */
  disclosedToMe: boolean;
  need: PairNeedView;
};

/**
 * The institution's view of one of its achievements: the needs it was accepted for and how far each pair
 * has got. Desensitised needs come without the enterprise, confidential ones only as "a confidential need in
 * chain X", unless the enterprise disclosed it for this pair; the explanation is cut down by the same rule
 * (disclosure/).
 */
export async function listAchievementPairs({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<PageInput | unknown>): Promise<Page<AchievementPairView>> {
  const query = parseInput(partyPairsInput, input);
  const achievement = await loadOwnAchievement(deps, actor, id);
  const { rows, total } = await partyPairsPage(deps, { achievementId: achievement.id }, query);
  const items = (await partySidePairs(deps, actor, rows, 'achievement')).map(({ s, shown, disclosedToMe }) => ({
    id: s.id,
    stage: s.stage,
    score: s.score,
    explanation: shown.explanation,
    managerId: s.managerId,
    decidedAt: s.decidedAt,
    updatedAt: s.updatedAt,
    disclosedToMe,
    need: shown.need,
  }));
  return { items, page: query.page, pageSize: query.pageSize, total };
}

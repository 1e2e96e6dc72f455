import type { Page, PageInput } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { loadOwnNeed } from '../needs/load-need.ts';
import type { Explanation } from '../ranking/explanation.ts';
import { type NeedProgress, needProgress } from './need-progress.ts';
import type { PairAchievementView } from './pair-views.ts';
import { partyPairsInput } from './party-input.ts';
import { partyPairsPage } from './party-pairs-page.ts';
import { partySidePairs } from './party-side.ts';
import type { Stage } from './stage-machine.ts';

export type NeedSuggestionView = {
  id: string;
  stage: Stage;
  score: number;
  explanation: Explanation;
  modelVersion: string;
  managerId: string | null;
  decidedAt: Date | null;
  updatedAt: Date;
  /** Whether the institution has disclosed a confidential or desensitised achievement to this enterprise. */
  disclosedToMe: boolean;
  achievement: PairAchievementView;
};

export type NeedSuggestionsPage = Page<NeedSuggestionView> & { progress: NeedProgress };

/**
 * The enterprise's view of one of its needs: the suggestions a manager accepted (and how far each has got),
 * with the reasons, and a progress summary saying the need is being worked. Pairs still being triaged are
 * counted there but not shown; declined ones are the manager's business, neither shown nor counted.
 * The achievement, and the explanation with it, are shown as disclosure/audience.ts `pairSideLevel` allows,
 * even once the achievement is no longer listed.
 */
export async function listNeedSuggestions({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<PageInput | unknown>): Promise<NeedSuggestionsPage> {
  const query = parseInput(partyPairsInput, input);
  const need = await loadOwnNeed(deps, actor, id);
  const { rows, total } = await partyPairsPage(deps, { needId: need.id }, query);
  const items = (await partySidePairs(deps, actor, rows, 'need')).map(({ s, shown, disclosedToMe }) => ({
    id: s.id,
    stage: s.stage,
    score: s.score,
    explanation: shown.explanation,
    modelVersion: s.modelVersion,
    managerId: s.managerId,
    decidedAt: s.decidedAt,
    updatedAt: s.updatedAt,
    disclosedToMe,
    achievement: shown.achievement,
  }));
  const progress = await needProgress(deps.db, need.id);
  return { items, page: query.page, pageSize: query.pageSize, total, progress };
}

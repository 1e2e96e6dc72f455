import { isAdmin } from '../core/actor.ts';
import type { Page, PageInput } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { loadOwnNeed } from '../needs/load-need.ts';
import type { Explanation } from '../ranking/explanation.ts';
import { levelByConfidentiality, type PairAchievementView, pairAchievementView } from './pair-views.ts';
import { partyPairsInput } from './party-input.ts';
import { partyPairsPage } from './party-pairs-page.ts';
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
  achievement: PairAchievementView;
};

/**
 * The enterprise's view of one of its needs: the suggestions a manager accepted (and how far each has got),
 * with the reasons. Pairs still being triaged, and declined ones, are the manager's business, not shown.
 * The achievement is shown by its confidentiality (see pair-views.ts), even once it is no longer listed.
 */
export async function listNeedSuggestions({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<PageInput | unknown>): Promise<Page<NeedSuggestionView>> {
  const query = parseInput(partyPairsInput, input);
  const need = await loadOwnNeed(deps, actor, id);
  const { rows, total } = await partyPairsPage(deps, { needId: need.id }, query);
  const items = rows.map(({ s, a }) => ({
    id: s.id,
    stage: s.stage,
    score: s.score,
    explanation: s.explanation as Explanation,
    modelVersion: s.modelVersion,
    managerId: s.managerId,
    decidedAt: s.decidedAt,
    updatedAt: s.updatedAt,
    achievement: pairAchievementView(
      a,
      isAdmin(actor) || a.orgId === actor.orgId ? 'full' : levelByConfidentiality(a.confidentiality),
    ),
  }));
  return { items, page: query.page, pageSize: query.pageSize, total };
}

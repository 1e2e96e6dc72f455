import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import { isAdmin } from '../core/actor.ts';
import { type Page, type PageInput, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { loadOwnNeed } from '../needs/load-need.ts';
import type { Explanation } from '../ranking/explanation.ts';
import { levelByConfidentiality, type PairAchievementView, pairAchievementView } from './pair-views.ts';
import { partyPairsInput } from './party-input.ts';
import { selectPairs } from './queue-item.ts';
import { partyStages, type Stage } from './stage-machine.ts';

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
  const where = and(eq(suggestions.needId, need.id), inArray(suggestions.stage, [...partyStages]));
  const rows = await selectPairs(deps.db)
    .where(where)
    .orderBy(desc(suggestions.score), desc(suggestions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await deps.db.select({ total: count() }).from(suggestions).where(where);
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
  return { items, page: query.page, pageSize: query.pageSize, total: totals?.total ?? 0 };
}

import { asc, countDistinct, desc, eq, inArray, max } from 'drizzle-orm';
import { pairOutcomes } from '../../schema/outcomes.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { type Page, type PageInput, pageInput, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { pairSideLevel } from '../disclosure/audience.ts';
import { assertManagesPlatform, loadPlatform } from '../platforms/load-platform.ts';
import { type PairAchievementView, type PairNeedView, pairAchievementView, pairNeedView } from '../queue/pair-views.ts';
import { selectPairs } from '../queue/queue-item.ts';
import type { Stage } from '../queue/stage-machine.ts';
import { type OutcomeView, toOutcomeView } from './outcome-view.ts';

export type PlatformPair = {
  suggestionId: string;
  stage: Stage;
  chainId: string | null;
  need: PairNeedView;
  achievement: PairAchievementView;
  /** This platform's runs on the pair and their results. */
  runs: OutcomeView[];
};

/**
 * The pairs sent to a platform (one of its runs is on them), newest first, for its own people and admins. The
 * platform is neither party nor manager: it sees both records as their confidentiality allows anyone outside the
 * pair (disclosure/audience.ts), and only its own runs.
 */
export async function listPlatformPairs({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<PageInput | unknown>): Promise<Page<PlatformPair>> {
  const query = parseInput(pageInput, input);
  const { p } = await loadPlatform(deps.db, id);
  assertManagesPlatform(actor, p.orgId);
  const sent = await deps.db
    .select({ suggestionId: pairOutcomes.suggestionId, last: max(pairOutcomes.seq) })
    .from(pairOutcomes)
    .where(eq(pairOutcomes.platformId, p.orgId))
    .groupBy(pairOutcomes.suggestionId)
    .orderBy(desc(max(pairOutcomes.seq)))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await deps.db
    .select({ total: countDistinct(pairOutcomes.suggestionId) })
    .from(pairOutcomes)
    .where(eq(pairOutcomes.platformId, p.orgId));
  const ids = sent.map((r) => r.suggestionId);
  const rows = ids.length > 0 ? await selectPairs(deps.db).where(inArray(suggestions.id, ids)) : [];
  const runs =
    ids.length > 0
      ? await deps.db
          .select()
          .from(pairOutcomes)
          .where(inArray(pairOutcomes.suggestionId, ids))
          .orderBy(asc(pairOutcomes.seq))
      : [];
  const outside = (confidentiality: PairNeedView['confidentiality']) =>
    pairSideLevel({ owner: false, assignedManager: false, confidentiality, disclosed: false });
  const items = ids.flatMap((sid) => {
    const row = rows.find((r) => r.s.id === sid);
    if (!row) return [];
    return [
      {
        suggestionId: sid,
        stage: row.s.stage,
        chainId: row.chainId,
        need: pairNeedView(row.n, outside(row.n.confidentiality)),
        achievement: pairAchievementView(row.a, outside(row.a.confidentiality)),
        runs: runs
          .filter((o) => o.suggestionId === sid && o.platformId === p.orgId)
          .map((o) => toOutcomeView(o, 'platform')),
      },
    ];
  });
  return { items, page: query.page, pageSize: query.pageSize, total: totals?.total ?? 0 };
}

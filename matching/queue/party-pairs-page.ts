import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { type PageInput, pageOffset } from '../core/pagination.ts';
import { selectPairs } from './queue-item.ts';
import { partyStages } from './stage-machine.ts';

/** One page of a record's pairs that a party may follow (accepted and later), best score first. */
export async function partyPairsPage(
  deps: Deps,
  side: { needId: string } | { achievementId: string },
  query: Required<PageInput>,
) {
  const own =
    'needId' in side ? eq(suggestions.needId, side.needId) : eq(suggestions.achievementId, side.achievementId);
  const where = and(own, inArray(suggestions.stage, [...partyStages]));
  const rows = await selectPairs(deps.db)
    .where(where)
    .orderBy(desc(suggestions.score), desc(suggestions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await deps.db.select({ total: count() }).from(suggestions).where(where);
  return { rows, total: totals?.total ?? 0 };
}

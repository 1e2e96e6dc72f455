import { and, asc, count, eq, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import { assertAdmin } from '../admin/assert-admin.ts';
import { type Page, type PageInput, pageInput, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';

export type UnroutedView = {
  id: string;
  needId: string;
  achievementId: string;
  score: number;
  routing: unknown;
  createdAt: Date;
  updatedAt: Date;
};

/** Routing looked at these and found nobody (no chain, no eligible manager, no chief); they wait for an admin. */
const unrouted = and(
  eq(suggestions.stage, 'suggested'),
  isNull(suggestions.managerId),
  isNotNull(suggestions.routing),
  // Pairs of withdrawn records are not waiting for anyone.
  notInArray(sql`${suggestions.routing}->>'how'`, ['record_closed']),
);

export async function listUnrouted({
  deps,
  actor,
  input,
}: WithInput<PageInput | unknown>): Promise<Page<UnroutedView>> {
  assertAdmin(actor);
  const query = parseInput(pageInput, input);
  const items = await deps.db
    .select({
      id: suggestions.id,
      needId: suggestions.needId,
      achievementId: suggestions.achievementId,
      score: suggestions.score,
      routing: suggestions.routing,
      createdAt: suggestions.createdAt,
      updatedAt: suggestions.updatedAt,
    })
    .from(suggestions)
    .where(unrouted)
    .orderBy(asc(suggestions.createdAt), asc(suggestions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await deps.db.select({ total: count() }).from(suggestions).where(unrouted);
  return { items, page: query.page, pageSize: query.pageSize, total: totals?.total ?? 0 };
}

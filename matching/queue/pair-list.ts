import { and, asc, count, countDistinct, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { type Page, type PageInput, pageOffset } from '../core/pagination.ts';
import { pairChain } from './manager-scope.ts';
import type { PairNeedView } from './pair-views.ts';
import { type PairRow, priorityExpr, type QueueItem } from './queue-item.ts';

/** A need's pairs side by side; the pairs leave out the need, which the group carries once. */
export type PairGroupItem = Omit<QueueItem, 'need'>;
export type PairGroup = { need: PairNeedView; pairs: PairGroupItem[] };

export type PairListQuery = Required<PageInput> & { groupBy?: 'need' | undefined };
type ToItem = (row: PairRow, priority: number) => QueueItem;

/**
 * One page of the pairs matching `where` (over suggestions ⋈ needs ⋈ achievements), highest priority first
 * (see priorityExpr). Grouped by need, a page is a page of needs — ordered by their best pair's priority —
 * each with every pair of it that matches, best first, so a manager compares one need's alternatives at once.
 */
export async function listPairs(
  deps: Deps,
  where: SQL | undefined,
  query: PairListQuery,
  toItem: ToItem,
): Promise<Page<QueueItem> | Page<PairGroup>> {
  const priority = priorityExpr(deps.clock.now());
  const page = { page: query.page, pageSize: query.pageSize };
  if (query.groupBy === 'need') return { ...page, ...(await groupedByNeed(deps, where, query, toItem, priority)) };
  const rows = await selectRows(deps.db, priority)
    .where(where)
    .orderBy(desc(priority), asc(suggestions.createdAt), asc(suggestions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await countRows(deps.db, where, count());
  return { ...page, items: rows.map((row) => toItem(row, row.priority)), total: totals?.total ?? 0 };
}

async function groupedByNeed(
  deps: Deps,
  where: SQL | undefined,
  query: PairListQuery,
  toItem: ToItem,
  priority: SQL<number>,
) {
  const best = sql<number>`max(${priority})`.mapWith(Number);
  const needPage = await needPageOf(deps.db, where, best)
    .groupBy(suggestions.needId)
    .orderBy(desc(best), asc(suggestions.needId))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await countRows(deps.db, where, countDistinct(suggestions.needId));
  const total = totals?.total ?? 0;
  if (needPage.length === 0) return { items: [], total };
  const rows = await selectRows(deps.db, priority)
    .where(
      and(
        where,
        inArray(
          suggestions.needId,
          needPage.map((n) => n.needId),
        ),
      ),
    )
    .orderBy(desc(priority), asc(suggestions.createdAt), asc(suggestions.id));
  const byNeed = new Map<string, QueueItem[]>(needPage.map((n) => [n.needId, []]));
  for (const row of rows) byNeed.get(row.s.needId)?.push(toItem(row, row.priority));
  const items = [...byNeed.values()].flatMap((pairs) => (pairs.length > 0 ? [toGroup(pairs)] : []));
  return { items, total };
}

/**
 * The group shows the need as the caller already sees it in the most open of its pairs (a manager assigned
 * one pair of the need sees it in full there), so grouping never shows more than the pairs themselves would.
 */
function toGroup(items: QueueItem[]): PairGroup {
  const [first, ...rest] = items;
  if (!first) throw new Error('a group has at least one pair');
  const hidden = (item: QueueItem) => item.need.redacted.length;
  const widest = rest.reduce((a, b) => (hidden(b) < hidden(a) ? b : a), first);
  return { need: widest.need, pairs: items.map(({ need: _need, ...pair }) => pair) };
}

const selectRows = (db: Db, priority: SQL<number>) =>
  db
    .select({ s: suggestions, n: needs, a: achievements, chainId: pairChain, priority })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId));

// Counts and the need page join the same tables as the rows, so filters on either record see the same pairs.
const countRows = (db: Db, where: SQL | undefined, total: SQL<number>) =>
  db
    .select({ total })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId))
    .where(where);

const needPageOf = (db: Db, where: SQL | undefined, best: SQL<number>) =>
  db
    .select({ needId: suggestions.needId, best })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId))
    .where(where);

import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { type Page, pageOffset } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { managerScope, managerSees, pairChain } from './manager-scope.ts';
import { type ListQueueInput, listQueueInput } from './queue-input.ts';
import { priorityExpr, type QueueItem, toQueueItem } from './queue-item.ts';
import { workingStages } from './stage-machine.ts';

/** The caller's queue (managers only), highest priority first; see priorityExpr for the order. */
export async function listQueue({ deps, actor, input }: WithInput<ListQueueInput | unknown>): Promise<Page<QueueItem>> {
  const query = parseInput(listQueueInput, input);
  const scope = await managerScope(deps, actor);
  const where = and(
    managerSees(scope),
    query.stage ? eq(suggestions.stage, query.stage) : inArray(suggestions.stage, [...workingStages]),
    query.chain ? eq(pairChain, query.chain) : undefined,
  );
  const priority = priorityExpr(deps.clock.now());
  const rows = await deps.db
    .select({ s: suggestions, n: needs, a: achievements, chainId: pairChain, priority })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId))
    .where(where)
    .orderBy(desc(priority), asc(suggestions.createdAt), asc(suggestions.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const [totals] = await selectPairCount(deps.db).where(where);
  return {
    items: rows.map((row) => toQueueItem(row, scope, row.priority)),
    page: query.page,
    pageSize: query.pageSize,
    total: totals?.total ?? 0,
  };
}

const selectPairCount = (db: Db) =>
  db
    .select({ total: count() })
    .from(suggestions)
    .innerJoin(needs, eq(needs.id, suggestions.needId))
    .innerJoin(achievements, eq(achievements.id, suggestions.achievementId));

import { and } from 'drizzle-orm';
import type { Page } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { managerScope, managerSees } from './manager-scope.ts';
import { pairFilterWhere } from './pair-filters.ts';
import { listPairs, type PairGroup } from './pair-list.ts';
import { type ListQueueInput, listQueueInput } from './queue-input.ts';
import { type QueueItem, toQueueItem } from './queue-item.ts';
import { workingStages } from './stage-machine.ts';

/**
 * The caller's queue (managers only), highest priority first (see priorityExpr), filtered by need, chain,
 * stage and waiting time; `groupBy=need` pages by need with each need's pairs side by side.
 */
export async function listQueue({
  deps,
  actor,
  input,
}: WithInput<ListQueueInput | unknown>): Promise<Page<QueueItem> | Page<PairGroup>> {
  const query = parseInput(listQueueInput, input);
  const scope = await managerScope(deps, actor);
  const where = and(managerSees(scope), pairFilterWhere(query, workingStages, deps.clock.now()));
  return listPairs(deps, where, query, (row, priority) => toQueueItem(row, scope, priority));
}

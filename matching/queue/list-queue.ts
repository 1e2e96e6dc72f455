import { and } from 'drizzle-orm';
import type { Page } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { logConfidentialReads, type RecordRead } from '../disclosure/confidential-reads.ts';
import { managerScope, managerSees } from './manager-scope.ts';
import { pairFilterWhere } from './pair-filters.ts';
import { listPairs, type PairGroup } from './pair-list.ts';
import { pairReads } from './pair-reads.ts';
import { type ListQueueInput, listQueueInput } from './queue-input.ts';
import { type QueueItem, queueLevels, toQueueItem } from './queue-item.ts';
import { type ImpressionSurface, recordImpressions } from './record-impressions.ts';
import { workingStages } from './stage-machine.ts';

/**
 * The caller's queue (managers only), highest priority first (see priorityExpr), filtered by need, chain,
 * stage and waiting time; `groupBy=need` pages by need with each need's pairs side by side. What the page
 * shows is recorded as impressions (record-impressions.ts), with the surface that showed it.
 */
export async function listQueue({
  deps,
  actor,
  input,
  surface = 'api',
}: WithInput<ListQueueInput | unknown> & { surface?: ImpressionSurface }): Promise<Page<QueueItem> | Page<PairGroup>> {
  const query = parseInput(listQueueInput, input);
  const scope = await managerScope(deps, actor);
  const where = and(managerSees(scope), pairFilterWhere(query, workingStages, deps.clock.now()));
  const reads: RecordRead[] = [];
  const page = await listPairs(deps, where, query, (row, priority) => {
    reads.push(...pairReads(row, queueLevels(row, scope)));
    return toQueueItem(row, scope, priority);
  });
  await logConfidentialReads(deps, actor, reads, `queue:${surface}`);
  await recordImpressions(deps, actor, page, surface);
  return page;
}

import type { WithId } from '../core/verb.ts';
import { logConfidentialReads } from '../disclosure/confidential-reads.ts';
import { loadManagedPair } from '../queue/load-pair.ts';
import { pairReads } from '../queue/pair-reads.ts';
import { type QueueItem, queueLevels, toQueueItem } from '../queue/queue-item.ts';

/**
 * One pair as the calling manager sees it in the queue: the same rows, the same 404 for pairs routed elsewhere
 * (load-pair.ts) and the same disclosure (queue-item.ts `toQueueItem`) as the claim, decision and stage verbs
 * answer with, so the pair page never shows more or less than the API. A confidential record shown here is a
 * read in the event log like one shown in the queue (`via: pair:page`), committed before the page is served.
 */
export async function getManagedPair({ deps, actor, id }: WithId): Promise<QueueItem> {
  const { row, scope } = await loadManagedPair(deps, actor, id);
  await logConfidentialReads(deps, actor, pairReads(row, queueLevels(row, scope)), 'pair:page');
  return toQueueItem(row, scope);
}

import type { WithId } from '../core/verb.ts';
import { loadManagedPair } from '../queue/load-pair.ts';
import { type QueueItem, toQueueItem } from '../queue/queue-item.ts';

/**
 * One pair as the calling manager sees it in the queue: the same rows, the same 404 for pairs routed elsewhere
 * (load-pair.ts) and the same disclosure (queue-item.ts `toQueueItem`) as the claim, decision and stage verbs
 * answer with, so the pair page never shows more or less than the API.
 */
export async function getManagedPair({ deps, actor, id }: WithId): Promise<QueueItem> {
  const { row, scope } = await loadManagedPair(deps, actor, id);
  return toQueueItem(row, scope);
}

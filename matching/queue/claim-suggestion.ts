import { and, eq } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import { ConflictError } from '../core/errors.ts';
import type { WithId } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { invalidTransition, loadManagedPair } from './load-pair.ts';
import { type QueueItem, toQueueItem } from './queue-item.ts';
import { recordEvent } from './record-event.ts';

/**
 * Takes a routed pair. The stage guard in the UPDATE is the lock: of two managers claiming at once, the
 * second's UPDATE re-reads the row after the first commits, finds it claimed, changes nothing and gets 409.
 * A chief may claim any routed pair of their chain (it becomes theirs); others only pairs routed to them.
 */
export async function claimSuggestion({ deps, actor, id }: WithId): Promise<QueueItem> {
  const { row, scope } = await loadManagedPair(deps, actor, id);
  if (row.s.stage !== 'routed') throw notClaimable(row.s.stage);
  const asChief = row.chainId !== null && scope.chiefChains.includes(row.chainId);
  const now = deps.clock.now();
  const claimed = await write(deps, async (scope) => {
    const { tx } = scope;
    const [updated] = await tx
      .update(suggestions)
      .set({ stage: 'claimed', managerId: actor.userId, claimedAt: now, updatedAt: now })
      .where(
        and(
          eq(suggestions.id, row.s.id),
          eq(suggestions.stage, 'routed'),
          asChief ? undefined : eq(suggestions.managerId, actor.userId),
        ),
      )
      .returning();
    if (!updated) return undefined;
    await recordEvent(scope, {
      suggestionId: updated.id,
      actorId: actor.userId,
      type: 'claimed',
      fromStage: 'routed',
      toStage: 'claimed',
      data: row.s.managerId === actor.userId ? undefined : { routedTo: row.s.managerId },
      at: now,
    });
    return updated;
  });
  if (!claimed) throw new ConflictError('suggestion_already_claimed');
  return toQueueItem({ ...row, s: claimed }, scope);
}

const notClaimable = (stage: Parameters<typeof invalidTransition>[0]) =>
  stage === 'claimed' ? new ConflictError('suggestion_already_claimed') : invalidTransition(stage, 'claimed');

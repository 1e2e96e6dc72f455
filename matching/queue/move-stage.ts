import { and, eq } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { currentStage, invalidTransition, loadManagedPair } from './load-pair.ts';
import { type StageMoveInput, stageMoveInput } from './queue-input.ts';
import { type QueueItem, toQueueItem } from './queue-item.ts';
import { recordEvent } from './record-event.ts';
import { canMove } from './stage-machine.ts';

/**
 * Moves an accepted pair along the conversion chain (transitions in stage-machine.ts). An illegal move is a
 * 409 naming the legal ones. The event and the parties' notify job commit with the move.
 */
export async function moveStage({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<StageMoveInput | unknown>): Promise<QueueItem> {
  const { to, note } = parseInput(stageMoveInput, input);
  const { row, scope } = await loadManagedPair(deps, actor, id);
  const from = row.s.stage;
  if (!canMove(from, to)) throw invalidTransition(from, to);
  const now = deps.clock.now();
  const updated = await write(deps, async (scope) => {
    const { tx } = scope;
    const [changed] = await tx
      .update(suggestions)
      .set({ stage: to, updatedAt: now })
      .where(and(eq(suggestions.id, row.s.id), eq(suggestions.stage, from)))
      .returning();
    if (!changed) return undefined;
    await recordEvent(scope, {
      suggestionId: changed.id,
      actorId: actor.userId,
      type: 'stage_changed',
      fromStage: from,
      toStage: to,
      data: note ? { note } : undefined,
      at: now,
      notify: true,
    });
    return changed;
  });
  if (!updated) throw invalidTransition(await currentStage(deps, row.s.id), to);
  return toQueueItem({ ...row, s: updated }, scope);
}

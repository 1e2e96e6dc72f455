import { and, eq } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { declineLabel, rematchAfterDecline } from './decline-follow-up.ts';
import { currentStage, invalidTransition, loadManagedPair } from './load-pair.ts';
import { type DecisionInput, decisionInput } from './queue-input.ts';
import { type QueueItem, toQueueItem } from './queue-item.ts';
import { recordEvent } from './record-event.ts';

/**
 * Accept or decline a claimed pair. Declines carry a reason code and an optional note; a `not_relevant` one
 * also records the pair's learning label and re-matches the need so the next candidate is offered (see
 * decline-follow-up.ts), all in the decision's transaction. Acceptance tells the parties (a notify job in the
 * same transaction); a decline does not, since the parties never saw the pair.
 */
export async function decideSuggestion({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<DecisionInput | unknown>): Promise<QueueItem> {
  const decision = parseInput(decisionInput, input);
  const { row, scope } = await loadManagedPair(deps, actor, id);
  const to = decision.decision === 'accept' ? 'accepted' : 'declined';
  if (row.s.stage !== 'claimed') throw invalidTransition(row.s.stage, to);
  const now = deps.clock.now();
  const reason = decision.decision === 'decline' ? decision.reason : null;
  const updated = await write(deps, async (scope) => {
    const { tx } = scope;
    const [changed] = await tx
      .update(suggestions)
      .set({
        stage: to,
        declineReason: reason,
        declineNote: decision.decision === 'decline' ? (decision.note ?? null) : null,
        decidedAt: now,
        updatedAt: now,
      })
      // Guarded like the claim: a concurrent decision or move makes this one a no-op, answered below.
      .where(and(eq(suggestions.id, row.s.id), eq(suggestions.stage, 'claimed')))
      .returning();
    if (!changed) return undefined;
    await recordEvent(scope, {
      suggestionId: changed.id,
      actorId: actor.userId,
      type: to,
      fromStage: 'claimed',
      toStage: to,
      data: {
        ...(reason ? { reason, ...declineLabel(changed, reason) } : {}),
        ...(decision.note ? { note: decision.note } : {}),
      },
      at: now,
      notify: to === 'accepted',
    });
    if (reason) await rematchAfterDecline(tx, changed, reason);
    return changed;
  });
  if (!updated) throw invalidTransition(await currentStage(deps, row.s.id), to);
  return toQueueItem({ ...row, s: updated }, scope);
}

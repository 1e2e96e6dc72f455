import { and, eq, isNull } from 'drizzle-orm';
import { pairDisclosures } from '../../schema/pair-disclosures.ts';
import { NotFoundError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { type RevokeDisclosureInput, revokeDisclosureInput } from './disclosure-input.ts';
import { type DisclosureView, toDisclosureView } from './disclosure-view.ts';
import { loadPartyPair } from './load-party-pair.ts';
import { recordEvent } from './record-event.ts';

/**
 * Ends a disclosure: from now on the counterpart sees the record as its confidentiality allows again.
 * What was already delivered (an inbox message, a webhook body) cannot be called back; nothing new carries it.
 */
export async function revokePairDisclosure({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<RevokeDisclosureInput | unknown>): Promise<DisclosureView> {
  const data = parseInput(revokeDisclosureInput, input ?? {});
  const { row, side } = await loadPartyPair(deps, actor, id, data.side);
  const now = deps.clock.now();
  return write(deps, async (scope) => {
    const { tx } = scope;
    const [revoked] = await tx
      .update(pairDisclosures)
      .set({ revokedAt: now, revokedBy: actor.userId })
      .where(
        and(
          eq(pairDisclosures.suggestionId, row.s.id),
          eq(pairDisclosures.side, side),
          isNull(pairDisclosures.revokedAt),
        ),
      )
      .returning();
    if (!revoked) throw new NotFoundError('disclosure');
    await recordEvent(scope, {
      suggestionId: row.s.id,
      actorId: actor.userId,
      type: 'disclosure_revoked',
      fromStage: row.s.stage,
      toStage: null,
      data: { side },
      at: now,
    });
    return toDisclosureView(revoked);
  });
}

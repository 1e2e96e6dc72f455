import { and, eq, isNull } from 'drizzle-orm';
import { pairDisclosures } from '../../schema/pair-disclosures.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import { write } from '../core/write.ts';
import { type GrantDisclosureInput, grantDisclosureInput } from './disclosure-input.ts';
import { type DisclosureView, toDisclosureView } from './disclosure-view.ts';
import { loadPartyPair } from './load-party-pair.ts';
import { recordEvent } from './record-event.ts';

/**
 * Disclosure on purpose: the owner of one side of an accepted pair lets the counterpart of this pair — and no
 * one else — see that record at the `public` level (disclosure/audience.ts). Granting twice is harmless: the
 * live grant is answered again (`created: false`). The grant and its event commit together.
 */
export async function grantPairDisclosure({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<GrantDisclosureInput | unknown>): Promise<{ disclosure: DisclosureView; created: boolean }> {
  const data = parseInput(grantDisclosureInput, input ?? {});
  const { row, side } = await loadPartyPair(deps, actor, id, data.side);
  const now = deps.clock.now();
  return write(deps, async (scope) => {
    const { tx } = scope;
    const [inserted] = await tx
      .insert(pairDisclosures)
      .values({ suggestionId: row.s.id, side, grantedBy: actor.userId, note: data.note ?? null, grantedAt: now })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await recordEvent(scope, {
        suggestionId: row.s.id,
        actorId: actor.userId,
        type: 'disclosure_granted',
        fromStage: row.s.stage,
        toStage: null,
        data: { side },
        at: now,
      });
      return { disclosure: toDisclosureView(inserted), created: true };
    }
    const [live] = await tx
      .select()
      .from(pairDisclosures)
      .where(
        and(
          eq(pairDisclosures.suggestionId, row.s.id),
          eq(pairDisclosures.side, side),
          isNull(pairDisclosures.revokedAt),
        ),
      )
      .limit(1);
    if (!live) throw new Error('disclosure conflict without a live grant');
    return { disclosure: toDisclosureView(live), created: false };
  });
}

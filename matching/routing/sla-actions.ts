import { and, eq, ne } from 'drizzle-orm';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { type WriteScope, write } from '../core/write.ts';
import { recordEvent } from '../queue/record-event.ts';
import { loadCandidates } from './candidates.ts';
import { chooseChief } from './choose-manager.ts';
import { lockPair } from './pair-context.ts';
import { routingConfigOf } from './routing-config.ts';
import { becomesNeedManager, decideRouting, partyOrgIds, type RoutingRecord } from './routing-record.ts';

/**
 * Hands an unclaimed pair to another eligible manager (or the chief), never back to the one who let it sit.
 * One manager per need: the need moves with it (needs.manager_id and the need's other unclaimed pairs of that
 * manager). Pairs the old manager already claimed stay with them: that work is under way, and the undecided
 * SLA escalates it if it stalls. With nobody else available the pair stays, and its clock restarts so the
 * next attempt waits a full delay instead of retrying on every sweep. Returns whether the pair moved.
 */
export async function reassignPair(deps: Deps, id: string, routedBefore: Date, now: Date): Promise<boolean> {
  return write(deps, async (scope) => {
    const { tx } = scope;
    const pair = await lockPair(tx, id);
    // Claimed or reassigned since the sweep listed it: nothing to do.
    if (!pair || !waitedSince(pair.stage === 'routed', pair.routedAt, routedBefore)) return false;
    const from = pair.managerId;
    const attempt = await decideRouting(tx, pair, now, {
      ...routingConfigOf(deps),
      excludeUserIds: from ? [from] : [],
    });
    const moved = attempt.chosen !== null;
    const routing: RoutingRecord = moved
      ? { ...attempt, reassignedFrom: from ?? undefined }
      : { ...(pair.routing as RoutingRecord) };
    await tx
      .update(suggestions)
      .set({ managerId: moved ? attempt.chosen : from, routing, routedAt: now, updatedAt: now })
      .where(eq(suggestions.id, pair.id));
    await recordEvent(scope, {
      suggestionId: pair.id,
      actorId: null,
      system: 'system:sla',
      type: moved ? 'reassigned' : 'reassign_failed',
      fromStage: 'routed',
      toStage: 'routed',
      data: { from, to: attempt.chosen, routing: attempt },
      at: now,
    });
    if (moved && from && attempt.chosen && becomesNeedManager(attempt)) {
      await moveNeed(scope, { needId: pair.needId, except: pair.id, from, to: attempt.chosen, routing, now });
    }
    return moved;
  });
}

/** The rest of the need follows its reassigned pair: its manager, and its other pairs still waiting unclaimed. */
async function moveNeed(
  scope: WriteScope,
  move: { needId: string; except: string; from: string; to: string; routing: RoutingRecord; now: Date },
) {
  const { tx } = scope;
  await tx.update(needs).set({ managerId: move.to }).where(eq(needs.id, move.needId));
  const siblings = await tx
    .update(suggestions)
    .set({ managerId: move.to, routing: move.routing, routedAt: move.now, updatedAt: move.now })
    .where(
      and(
        eq(suggestions.needId, move.needId),
        eq(suggestions.managerId, move.from),
        eq(suggestions.stage, 'routed'),
        ne(suggestions.id, move.except),
      ),
    )
    .returning({ id: suggestions.id });
  for (const { id } of siblings) {
    await recordEvent(scope, {
      suggestionId: id,
      actorId: null,
      system: 'system:sla',
      type: 'reassigned',
      fromStage: 'routed',
      toStage: 'routed',
      data: { from: move.from, to: move.to, routing: move.routing, withNeed: true },
      at: move.now,
    });
  }
}

/**
 * Flags a claimed pair that has waited too long for a decision and names the chain's chief, who then sees it
 * in their queue and may decide it. The claim stays with its manager; `escalatedAt` keeps it from escalating
 * twice. With no eligible chief it is still flagged (escalatedTo null), which the pair's events show.
 */
export async function escalatePair(deps: Deps, id: string, claimedBefore: Date, now: Date): Promise<boolean> {
  return write(deps, async (scope) => {
    const { tx } = scope;
    const pair = await lockPair(tx, id);
    if (!pair || pair.escalatedAt || !waitedSince(pair.stage === 'claimed', pair.claimedAt, claimedBefore))
      return false;
    const candidates = pair.chain ? await loadCandidates(tx, pair.chain) : [];
    const chief =
      chooseChief(candidates, {
        partyOrgIds: partyOrgIds(pair),
        excludeUserIds: pair.managerId ? [pair.managerId] : [],
      }) ?? null;
    const routing = { ...(pair.routing as RoutingRecord | null), escalatedTo: chief };
    await tx.update(suggestions).set({ escalatedAt: now, routing, updatedAt: now }).where(eq(suggestions.id, pair.id));
    await recordEvent(scope, {
      suggestionId: pair.id,
      actorId: null,
      system: 'system:sla',
      type: 'escalated',
      fromStage: 'claimed',
      toStage: 'claimed',
      data: { manager: pair.managerId, escalatedTo: chief },
      at: now,
    });
    return true;
  });
}

/** Re-checked under the row lock: the sweep's list may be stale by the time each pair's turn comes. */
const waitedSince = (inStage: boolean, since: Date | null, before: Date) => inStage && since !== null && since < before;

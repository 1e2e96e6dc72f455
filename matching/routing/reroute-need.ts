import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import { write } from '../core/write.ts';
import { matchRecord } from '../pipeline/match-record.ts';
import { recordEvent } from '../queue/record-event.ts';
import { workingStages } from '../queue/stage-machine.ts';
import { routeSuggestion } from './route-suggestion.ts';

/** The payload `rerouteNeedWork` (pipeline/record-ingest.ts) records. */
export const rerouteNeedPayload = z.object({ needId: z.uuid() });

export type RerouteOutcome = { released: number; routed: number };

/**
 * The `reroute-need` job, after a need's effective chain changed (an owner's PATCH, or re-classification on
 * re-ingest): its pairs still waiting unclaimed under the old chain go back to `suggested`, the need is
 * matched again (which refreshes the explanations of unassigned pairs, the chain included, and adds new
 * ones), and its unassigned pairs are routed under the new chain. Claimed and later pairs stay with their
 * manager: work on them has started and their stored explanation is what it was judged on; while such a pair
 * exists that manager keeps the need, and the released pairs rejoin them (one manager per need).
 * Idempotent: only pairs routed under another chain are released, so a retry after a crash releases nothing
 * twice and just finishes matching and routing.
 */
export async function processRerouteNeed(deps: Deps, payload: unknown, _meta?: unknown): Promise<RerouteOutcome> {
  const { needId } = parseInput(rerouteNeedPayload, payload);
  const released = await releaseStalePairs(deps, needId);
  await matchRecord({ deps, kind: 'need', id: needId });
  const waiting = await deps.db
    .select({ id: suggestions.id })
    .from(suggestions)
    .where(
      and(
        eq(suggestions.needId, needId),
        eq(suggestions.stage, 'suggested'),
        isNull(suggestions.managerId),
        or(isNull(suggestions.routing), ne(sql`${suggestions.routing}->>'how'`, 'record_closed')),
      ),
    );
  let routed = 0;
  for (const { id } of waiting) {
    if ((await routeSuggestion({ deps, suggestionId: id })).status === 'routed') routed += 1;
  }
  return { released, routed };
}

async function releaseStalePairs(deps: Deps, needId: string): Promise<number> {
  return write(deps, async (scope) => {
    const { tx } = scope;
    // Need first, then its pairs: the lock order of routing (pair-context.ts).
    const [need] = await tx
      .select({ chainId: needs.chainId, managerId: needs.managerId })
      .from(needs)
      .where(eq(needs.id, needId))
      .for('update');
    // Without a chain of its own the need's pairs were routed by their achievements' chains, which did not move.
    if (!need?.chainId) return 0;
    const now = deps.clock.now();
    const stale = await tx
      .update(suggestions)
      .set({ stage: 'suggested', managerId: null, routing: null, routedAt: null, updatedAt: now })
      .where(
        and(
          eq(suggestions.needId, needId),
          eq(suggestions.stage, 'routed'),
          sql`${suggestions.routing}->>'chain' is distinct from ${need.chainId}`,
        ),
      )
      .returning({ id: suggestions.id });
    for (const { id } of stale) {
      await recordEvent(scope, {
        suggestionId: id,
        actorId: null,
        system: 'system:router',
        type: 'rechained',
        fromStage: 'routed',
        toStage: 'suggested',
        data: { reason: 'chain_changed', chain: need.chainId },
        at: now,
      });
    }
    const [kept] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(suggestions)
      .where(
        and(
          eq(suggestions.needId, needId),
          need.managerId ? eq(suggestions.managerId, need.managerId) : sql`false`,
          inArray(suggestions.stage, [...workingStages]),
        ),
      );
    // The need's manager goes with its last working pair; the new chain's routing picks the next one.
    if (need.managerId && (kept?.n ?? 0) === 0)
      await tx.update(needs).set({ managerId: null }).where(eq(needs.id, needId));
    return stale.length;
  });
}

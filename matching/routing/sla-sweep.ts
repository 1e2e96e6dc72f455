import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { routeSuggestion, waitingForManager } from './route-suggestion.ts';
import { escalatePair, reassignPair } from './sla-actions.ts';
import { defaultSlaConfig, type SlaConfig } from './sla-config.ts';

/** `routed`: pairs that waited for a manager (over capacity, nobody eligible) and found one on this sweep. */
export type SweepResult = { reassigned: number; escalated: number; skipped: number; routed: number };

/** The periodic `sla_sweep` job. Its payload is empty; `config` is injectable for tests (and a future setting). */
export async function processSlaSweep(
  deps: Deps,
  _payload: unknown,
  _meta?: unknown,
  config: SlaConfig = defaultSlaConfig,
): Promise<SweepResult> {
  return sweepSla({ deps, config });
}

/**
 * Reassigns pairs left unclaimed, escalates pairs left undecided, and retries pairs waiting for a manager
 * (capacity frees up as pairs are decided, managers join or come back). Each pair is its own transaction that
 * re-checks the condition under a row lock, so a claim or decision racing the sweep wins cleanly.
 */
export async function sweepSla({ deps, config }: { deps: Deps; config: SlaConfig }): Promise<SweepResult> {
  const now = deps.clock.now();
  const unclaimedBefore = new Date(now.getTime() - config.unclaimedAfterMs);
  const undecidedBefore = new Date(now.getTime() - config.undecidedAfterMs);
  const unclaimed = await deps.db
    .select({ id: suggestions.id })
    .from(suggestions)
    .where(and(eq(suggestions.stage, 'routed'), lt(suggestions.routedAt, unclaimedBefore)))
    .orderBy(asc(suggestions.routedAt))
    .limit(config.batchSize);
  const undecided = await deps.db
    .select({ id: suggestions.id })
    .from(suggestions)
    .where(
      and(
        eq(suggestions.stage, 'claimed'),
        lt(suggestions.claimedAt, undecidedBefore),
        isNull(suggestions.escalatedAt),
      ),
    )
    .orderBy(asc(suggestions.claimedAt))
    .limit(config.batchSize);
  const waiting = await deps.db
    .select({ id: suggestions.id })
    .from(suggestions)
    .where(
      and(
        eq(suggestions.stage, 'suggested'),
        isNull(suggestions.managerId),
        inArray(sql`${suggestions.routing}->>'how'`, [...waitingForManager]),
      ),
    )
    .orderBy(asc(suggestions.createdAt))
    .limit(config.batchSize);
  const result: SweepResult = { reassigned: 0, escalated: 0, skipped: 0, routed: 0 };
  for (const { id } of unclaimed) {
    if (await reassignPair(deps, id, unclaimedBefore, now)) result.reassigned += 1;
    else result.skipped += 1;
  }
  for (const { id } of undecided) {
    if (await escalatePair(deps, id, undecidedBefore, now)) result.escalated += 1;
    else result.skipped += 1;
  }
  for (const { id } of waiting) {
    if ((await routeSuggestion({ deps, suggestionId: id })).status === 'routed') result.routed += 1;
  }
  return result;
}

import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { escalatePair, reassignPair } from './sla-actions.ts';
import { defaultSlaConfig, type SlaConfig } from './sla-config.ts';

export type SweepResult = { reassigned: number; escalated: number; skipped: number };

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
 * Reassigns pairs left unclaimed and escalates pairs left undecided. Each pair is its own transaction that
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
  const result: SweepResult = { reassigned: 0, escalated: 0, skipped: 0 };
  for (const { id } of unclaimed) {
    if (await reassignPair(deps, id, unclaimedBefore, now)) result.reassigned += 1;
    else result.skipped += 1;
  }
  for (const { id } of undecided) {
    if (await escalatePair(deps, id, undecidedBefore, now)) result.escalated += 1;
    else result.skipped += 1;
  }
  return result;
}

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import { recordEvent } from '../queue/record-event.ts';
import { lockPair } from './pair-context.ts';
import { decideRouting, type RoutingRecord } from './routing-record.ts';

/** One pair, or all the new pairs of one match run (one job instead of one per pair keeps the queue short). */
export const routePayload = z.union([
  z.object({ suggestionId: z.uuid() }),
  z.object({ suggestionIds: z.array(z.uuid()).min(1).max(100) }),
]);

export type RouteOutcome = {
  status: 'routed' | 'unrouted' | 'already_routed' | 'missing';
  managerId: string | null;
  routing?: RoutingRecord | undefined;
};

/** The `route` job: payload `{ suggestionId }` or `{ suggestionIds }`; state is read from Postgres when it runs. */
export async function processRoute(deps: Deps, payload: unknown, _meta?: unknown): Promise<RouteOutcome[]> {
  const input = parseInput(routePayload, payload);
  const ids = 'suggestionId' in input ? [input.suggestionId] : input.suggestionIds;
  // Each pair in its own transaction, in order: a retry re-runs them all, and routed ones are left alone.
  const outcomes: RouteOutcome[] = [];
  for (const suggestionId of ids) outcomes.push(await routeSuggestion({ deps, suggestionId }));
  return outcomes;
}

/**
 * Assigns a new pair to a manager (rules in choose-manager.ts). Idempotent: a pair already past `suggested`
 * is left alone, so a retried or duplicated job changes nothing. A pair nobody can take stays `suggested`
 * with its reasons stored, which puts it on the admin unrouted list; running the job again retries it.
 */
export async function routeSuggestion({ deps, suggestionId }: { deps: Deps; suggestionId: string }) {
  return deps.db.transaction(async (tx): Promise<RouteOutcome> => {
    const pair = await lockPair(tx, suggestionId);
    if (!pair) {
      deps.logger.warn({ suggestionId }, 'route: no such suggestion');
      return { status: 'missing', managerId: null };
    }
    if (pair.stage !== 'suggested' || pair.managerId) return { status: 'already_routed', managerId: pair.managerId };
    const now = deps.clock.now();
    const routing = await decideRouting(tx, pair, now);
    await tx
      .update(suggestions)
      .set(
        routing.chosen
          ? { stage: 'routed', managerId: routing.chosen, routing, routedAt: now, updatedAt: now }
          : { routing, updatedAt: now },
      )
      .where(eq(suggestions.id, pair.id));
    const previous = (pair.routing as Partial<RoutingRecord> | null)?.how;
    // A retried unroutable pair records one event per distinct reason, not one per attempt.
    if (routing.chosen || previous !== routing.how) {
      await recordEvent(tx, {
        suggestionId: pair.id,
        actorId: null,
        type: routing.chosen ? 'routed' : 'unrouted',
        fromStage: 'suggested',
        toStage: routing.chosen ? 'routed' : 'suggested',
        data: { routing },
        at: now,
      });
    }
    return { status: routing.chosen ? 'routed' : 'unrouted', managerId: routing.chosen, routing };
  });
}

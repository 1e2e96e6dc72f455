import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import { recordEvent } from '../queue/record-event.ts';
import { lockPair } from './pair-context.ts';
import { decideRouting, type RoutingRecord } from './routing-record.ts';

export const routePayload = z.object({ suggestionId: z.uuid() });

export type RouteOutcome = {
  status: 'routed' | 'unrouted' | 'already_routed' | 'missing';
  managerId: string | null;
  routing?: RoutingRecord | undefined;
};

/** The `route` job: payload `{ suggestionId }`; state is read from Postgres when it runs. */
export async function processRoute(deps: Deps, payload: unknown, _meta?: unknown): Promise<RouteOutcome> {
  const { suggestionId } = parseInput(routePayload, payload);
  return routeSuggestion({ deps, suggestionId });
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

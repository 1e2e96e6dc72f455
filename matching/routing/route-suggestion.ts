import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import { write } from '../core/write.ts';
import { notifyAdminsUnrouted } from '../notifications/notify-admins-unrouted.ts';
import { recordEvent } from '../queue/record-event.ts';
import { lockPair } from './pair-context.ts';
import { routingConfigOf } from './routing-config.ts';
import { becomesNeedManager, decideRouting, type RoutingRecord } from './routing-record.ts';

/** Reasons a pair waits for capacity or a manager rather than for a chain or a closed record: admins act on these. */
export const waitingForManager = new Set<RoutingRecord['how']>(['over_capacity', 'no_eligible_manager']);

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
 * Assigns a new pair to a manager: the need's manager when it has one, else by the rules of choose-manager.ts,
 * and the chosen one becomes the need's manager (needs.manager_id). Idempotent: a pair already past
 * `suggested` is left alone, so a retried or duplicated job changes nothing. A pair nobody can take stays
 * `suggested` with its reasons stored, which puts it on the admin unrouted list (and tells the admins once per
 * need); the SLA sweep retries such pairs, and so does running the job again.
 */
export async function routeSuggestion({ deps, suggestionId }: { deps: Deps; suggestionId: string }) {
  return write(deps, async (scope): Promise<RouteOutcome> => {
    const { tx } = scope;
    const pair = await lockPair(tx, suggestionId);
    if (!pair) {
      deps.logger.warn({ suggestionId }, 'route: no such suggestion');
      return { status: 'missing', managerId: null };
    }
    if (pair.stage !== 'suggested' || pair.managerId) return { status: 'already_routed', managerId: pair.managerId };
    const now = deps.clock.now();
    const routing = await decideRouting(tx, pair, now, routingConfigOf(deps));
    await tx
      .update(suggestions)
      .set(
        routing.chosen
          ? { stage: 'routed', managerId: routing.chosen, routing, routedAt: now, updatedAt: now }
          : { routing, updatedAt: now },
      )
      .where(eq(suggestions.id, pair.id));
    if (becomesNeedManager(routing) && routing.chosen !== pair.needManagerId) {
      // updated_at stays: the need's version (ETag) is its owner's edits, not the bureau's assignment.
      await tx.update(needs).set({ managerId: routing.chosen }).where(eq(needs.id, pair.needId));
    }
    if (waitingForManager.has(routing.how)) {
      await notifyAdminsUnrouted(tx, { needId: pair.needId, suggestionId: pair.id, reason: routing.how, at: now });
    }
    const previous = (pair.routing as Partial<RoutingRecord> | null)?.how;
    // A retried unroutable pair records one event per distinct reason, not one per attempt.
    if (routing.chosen || previous !== routing.how) {
      await recordEvent(scope, {
        suggestionId: pair.id,
        actorId: null,
        system: 'system:router',
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

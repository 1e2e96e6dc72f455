import { and, eq, inArray, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { achievements } from '../../schema/achievements.ts';
import { managers } from '../../schema/managers.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { ForbiddenError } from '../core/errors.ts';

/** The calling manager as the queue sees them: the chains they are chief of, if any. */
export type ManagerScope = { userId: string; orgId: string; chiefChains: string[] };

export async function managerScope(deps: Deps, actor: Actor): Promise<ManagerScope> {
  if (actor.role !== 'manager') throw new ForbiddenError('managers_only');
  const [profile] = await deps.db.select().from(managers).where(eq(managers.userId, actor.userId)).limit(1);
  const chiefChains = profile?.isChief && profile.active ? profile.chains : [];
  return { userId: actor.userId, orgId: actor.orgId, chiefChains };
}

/** A pair's chain for routing and queues: the need's when it has one, else the achievement's. */
export const pairChain = sql<string | null>`coalesce(${needs.chainId}, ${achievements.chainId})`;

export const escalatedTo = sql<string | null>`${suggestions.routing}->>'escalatedTo'`;

/**
 * Which pairs a manager sees (over suggestions ⋈ needs ⋈ achievements): those routed to them, those escalated
 * to them, and, for a chief, every routed pair of the chains they lead — except pairs involving the chief's
 * own organisation, the same conflict-of-interest rule routing applies.
 */
export function managerSees(scope: ManagerScope): SQL {
  const own = or(eq(suggestions.managerId, scope.userId), eq(escalatedTo, scope.userId));
  if (scope.chiefChains.length === 0) return own ?? sql`false`;
  const asChief = and(
    isNotNull(suggestions.managerId),
    inArray(pairChain, scope.chiefChains),
    ne(needs.orgId, scope.orgId),
    ne(achievements.orgId, scope.orgId),
  );
  return or(own, asChief) ?? sql`false`;
}

/** The assigned manager and whoever it was escalated to work the pair with full records; a chief browsing does not. */
export const isAssigned = (scope: ManagerScope, row: { managerId: string | null; routing: unknown }) =>
  row.managerId === scope.userId ||
  (typeof row.routing === 'object' &&
    row.routing !== null &&
    (row.routing as { escalatedTo?: unknown }).escalatedTo === scope.userId);

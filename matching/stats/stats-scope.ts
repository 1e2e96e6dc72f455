import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { statsNeeds, statsPairs } from '../../schema/stats.ts';
import type { Actor } from '../core/actor.ts';
import { ForbiddenError } from '../core/errors.ts';
import { dayEnd, dayStart, type StatsFilters } from './stats-input.ts';

/**
 * Admins see everything (and may look at one manager's slice); a manager sees only the pairs they hold, and a
 * manager asking for someone else's slice is refused rather than silently given their own.
 */
export function sliceOf(actor: Actor, filters: Pick<StatsFilters, 'managerId'>): string | null {
  if (actor.role === 'admin') return filters.managerId ?? null;
  if (actor.role !== 'manager') throw new ForbiddenError('admins_and_managers_only');
  if (filters.managerId && filters.managerId !== actor.userId) throw new ForbiddenError('own_slice_only');
  return actor.userId;
}

/** Conditions on a need (stats_needs joined with its organisation): posting day, chain, district. */
export function needConditions(f: StatsFilters, { dates = true } = {}): SQL[] {
  const where: SQL[] = [];
  if (dates && f.from) where.push(gte(statsNeeds.postedAt, dayStart(f.from)));
  if (dates && f.to) where.push(lt(statsNeeds.postedAt, dayEnd(f.to)));
  if (f.chain) where.push(eq(statsNeeds.chainId, f.chain));
  if (f.district) where.push(eq(organisations.district, f.district));
  return where;
}

/** Conditions on a pair joined with its need and the need's organisation. */
export function pairConditions(
  f: StatsFilters,
  manager: string | null,
  options?: { dates?: boolean },
): SQL | undefined {
  const where = needConditions(f, options);
  if (manager) where.push(eq(statsPairs.managerId, manager));
  return and(...where);
}

/** For a manager's slice, a need counts only if they hold one of its pairs. */
export function needInSlice(manager: string | null): SQL | undefined {
  if (!manager) return undefined;
  return sql`exists (select 1 from ${statsPairs} where ${statsPairs.needId} = ${statsNeeds.needId} and ${statsPairs.managerId} = ${manager})`;
}

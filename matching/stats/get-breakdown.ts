import { eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { industryChains } from '../../schema/industry-chains.ts';
import { organisations } from '../../schema/organisations.ts';
import { statsNeeds, statsPairs } from '../../schema/stats.ts';
import { users } from '../../schema/users.ts';
import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { catchUpStats } from './catch-up.ts';
import { type PairCounts, pairCountColumns, rate } from './pair-counts.ts';
import { type BreakdownDimension, breakdownInput, type StatsFilters } from './stats-input.ts';
import { pairConditions, sliceOf } from './stats-scope.ts';

const groupColumn: Record<BreakdownDimension, PgColumn> = {
  chain: statsNeeds.chainId,
  district: organisations.district,
  manager: statsPairs.managerId,
  institution: statsPairs.institutionId,
  platform: statsPairs.platformId,
  rankerVersion: statsPairs.modelVersion,
};

export type BreakdownGroup = PairCounts & {
  /** The group's id (chain id, district, user or organisation id, ranker version); null for pairs without one. */
  key: string | null;
  label: string | null;
  /** Accepted among the pairs ever routed: per ranker version, whether learning helps. */
  acceptanceRate: number | null;
};
export type BreakdownView = {
  by: BreakdownDimension;
  filters: StatsFilters;
  managerId: string | null;
  groups: BreakdownGroup[];
};

/** Per group of the dimension, the pair steps of the funnel (cumulative) and the acceptance rate of routed pairs. */
export async function getBreakdown({ deps, actor, input }: WithInput<unknown>): Promise<BreakdownView> {
  const { by, ...filters } = parseInput(breakdownInput, input);
  const manager = sliceOf(actor, filters);
  await catchUpStats(deps);
  const column = groupColumn[by];
  const rows = await deps.db
    .select({ key: sql<string | null>`${column}::text`, ...pairCountColumns() })
    .from(statsPairs)
    .innerJoin(statsNeeds, eq(statsNeeds.needId, statsPairs.needId))
    .leftJoin(organisations, eq(organisations.id, statsNeeds.orgId))
    .where(pairConditions(filters, manager))
    .groupBy(column)
    .orderBy(sql`count(*) desc`, column);
  const labels = await labelsOf(
    deps,
    by,
    rows.flatMap((r) => (r.key ? [r.key] : [])),
  );
  return {
    by,
    filters,
    managerId: manager,
    groups: rows.map((r) => ({
      ...r,
      label: r.key === null ? null : (labels.get(r.key) ?? r.key),
      acceptanceRate: rate(r.accepted, r.routed),
    })),
  };
}

/** Display names: chains and organisations by name, managers by their user name; districts and versions are their own. */
async function labelsOf(deps: Deps, by: BreakdownDimension, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  if (by === 'chain') {
    const rows = await deps.db
      .select({ id: industryChains.id, name: industryChains.name })
      .from(industryChains)
      .where(inArray(industryChains.id, keys));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (by === 'manager') {
    const rows = await deps.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, keys));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (by === 'institution' || by === 'platform') {
    const rows = await deps.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, keys));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  return new Map();
}

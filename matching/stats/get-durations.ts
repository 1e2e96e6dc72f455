import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { organisations } from '../../schema/organisations.ts';
import { statsNeeds, statsPairs } from '../../schema/stats.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { catchUpStats } from './catch-up.ts';
import { type StatsFilters, statsFilters } from './stats-input.ts';
import { pairConditions, sliceOf } from './stats-scope.ts';

const p = statsPairs;
/**
 * Consecutive steps whose first times both exist on a pair; a pair that skipped a step (a mature technology
 * with no PoC) is left out of the spans around it rather than counted as zero. `accepted → deal` spans any
 * path, so a skipped PoC or pilot still shows how long a deal takes.
 */
export const spans: readonly { from: string; to: string; start: PgColumn; end: PgColumn }[] = [
  { from: 'suggested', to: 'routed', start: p.suggestedAt, end: p.routedAt },
  { from: 'routed', to: 'claimed', start: p.routedAt, end: p.claimedAt },
  { from: 'claimed', to: 'decided', start: p.claimedAt, end: p.decidedAt },
  { from: 'accepted', to: 'poc_started', start: p.acceptedAt, end: p.pocStartedAt },
  { from: 'poc_started', to: 'poc_passed', start: p.pocStartedAt, end: p.pocPassedAt },
  { from: 'poc_passed', to: 'pilot_started', start: p.pocPassedAt, end: p.pilotStartedAt },
  { from: 'pilot_started', to: 'pilot_passed', start: p.pilotStartedAt, end: p.pilotPassedAt },
  { from: 'pilot_passed', to: 'deal', start: p.pilotPassedAt, end: p.dealAt },
  { from: 'accepted', to: 'deal', start: p.acceptedAt, end: p.dealAt },
  { from: 'deal', to: 'landed', start: p.dealAt, end: p.landedAt },
];

export type SpanView = { from: string; to: string; pairs: number; medianHours: number | null; p90Hours: number | null };
export type DurationsView = {
  filters: StatsFilters;
  managerId: string | null;
  spans: SpanView[];
  /** Unclaimed past the claim SLA (reassigned or not), and claimed but undecided past the decision SLA (escalated). */
  sla: { claim: { breaches: number; pairs: number }; decision: { breaches: number; pairs: number } };
};

const hours = (start: PgColumn, end: PgColumn) => sql`extract(epoch from (${end} - ${start})) / 3600.0`;
const num = (q: SQL) => q.mapWith((v) => (v === null ? null : Math.round(Number(v) * 100) / 100));

export async function getDurations({ deps, actor, input }: WithInput<StatsFilters | unknown>): Promise<DurationsView> {
  const filters = parseInput(statsFilters, input);
  const manager = sliceOf(actor, filters);
  await catchUpStats(deps);
  const columns: Record<string, SQL> = {
    claimBreaches: sql`coalesce(sum(${p.claimBreaches}), 0)`.mapWith(Number),
    claimPairs: sql`count(*) filter (where ${p.claimBreaches} > 0)`.mapWith(Number),
    decisionBreaches: sql`coalesce(sum(${p.decideBreaches}), 0)`.mapWith(Number),
    decisionPairs: sql`count(*) filter (where ${p.decideBreaches} > 0)`.mapWith(Number),
  };
  for (const [i, s] of spans.entries()) {
    const h = hours(s.start, s.end);
    columns[`n${i}`] = sql`count(${h})`.mapWith(Number);
    columns[`m${i}`] = num(sql`percentile_cont(0.5) within group (order by ${h})`);
    columns[`p${i}`] = num(sql`percentile_cont(0.9) within group (order by ${h})`);
  }
  const [row] = (await deps.db
    .select(columns)
    .from(p)
    .innerJoin(statsNeeds, eq(statsNeeds.needId, p.needId))
    .leftJoin(organisations, eq(organisations.id, statsNeeds.orgId))
    .where(pairConditions(filters, manager))) as Record<string, number | null>[];
  const at = (key: string) => row?.[key] ?? null;
  return {
    filters,
    managerId: manager,
    spans: spans.map((s, i) => ({
      from: s.from,
      to: s.to,
      pairs: at(`n${i}`) ?? 0,
      medianHours: at(`m${i}`),
      p90Hours: at(`p${i}`),
    })),
    sla: {
      claim: { breaches: at('claimBreaches') ?? 0, pairs: at('claimPairs') ?? 0 },
      decision: { breaches: at('decisionBreaches') ?? 0, pairs: at('decisionPairs') ?? 0 },
    },
  };
}

import { and, eq, sql } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { statsNeeds, statsPairs } from '../../schema/stats.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { catchUpStats } from './catch-up.ts';
import { type PairCounts, pairCountColumns, rate } from './pair-counts.ts';
import { type StatsFilters, statsFilters } from './stats-input.ts';
import { needConditions, needInSlice, pairConditions, sliceOf } from './stats-scope.ts';
import { type FunnelStep, funnelSteps } from './steps.ts';

export type FunnelStepView = {
  step: FunnelStep;
  count: number;
  /** The step it is a share of, and the share: pairs reviewed are a share of pairs routed, not of needs. */
  of: FunnelStep | 'pairs_routed' | null;
  rate: number | null;
};
export type FunnelView = {
  filters: StatsFilters;
  managerId: string | null;
  pairs: { suggested: number; routed: number };
  steps: FunnelStepView[];
};

/** Each step's denominator: the step before it, except the first pair step, whose base is the pairs routed. */
const base = (step: FunnelStep, i: number): FunnelStepView['of'] =>
  step === 'needs_posted' ? null : step === 'reviewed' ? 'pairs_routed' : (funnelSteps[i - 1] ?? null);

/** The cumulative funnel for the filters and the caller's slice, read from the projection after catching it up. */
export async function getFunnel({ deps, actor, input }: WithInput<StatsFilters | unknown>): Promise<FunnelView> {
  const filters = parseInput(statsFilters, input);
  const manager = sliceOf(actor, filters);
  await catchUpStats(deps);
  const [needs] = await deps.db
    .select({
      posted: sql<number>`count(*)`.mapWith(Number),
      withPairs:
        sql<number>`count(*) filter (where exists (select 1 from ${statsPairs} where ${statsPairs.needId} = ${statsNeeds.needId}))`.mapWith(
          Number,
        ),
    })
    .from(statsNeeds)
    .leftJoin(organisations, eq(organisations.id, statsNeeds.orgId))
    .where(and(...needConditions(filters), needInSlice(manager)));
  const [pairs] = await pairQuery(deps, filters, manager);
  const counts: Record<FunnelStep, number> = {
    needs_posted: needs?.posted ?? 0,
    needs_with_suggestions: needs?.withPairs ?? 0,
    ...zeroIfMissing(pairs),
  };
  const steps = funnelSteps.map((step, i) => {
    const of = base(step, i);
    const whole = of === null ? 0 : of === 'pairs_routed' ? (pairs?.routed ?? 0) : counts[of];
    return { step, count: counts[step], of, rate: of === null ? null : rate(counts[step], whole) };
  });
  return { filters, managerId: manager, pairs: { suggested: pairs?.pairs ?? 0, routed: pairs?.routed ?? 0 }, steps };
}

export const pairQuery = (deps: WithInput<unknown>['deps'], filters: StatsFilters, manager: string | null) =>
  deps.db
    .select(pairCountColumns())
    .from(statsPairs)
    .innerJoin(statsNeeds, eq(statsNeeds.needId, statsPairs.needId))
    .leftJoin(organisations, eq(organisations.id, statsNeeds.orgId))
    .where(pairConditions(filters, manager));

function zeroIfMissing(pairs: PairCounts | undefined) {
  const { pairs: _p, needs: _n, routed: _r, ...steps } = pairs ?? ({} as Partial<PairCounts>);
  return {
    reviewed: steps.reviewed ?? 0,
    accepted: steps.accepted ?? 0,
    poc_started: steps.poc_started ?? 0,
    poc_passed: steps.poc_passed ?? 0,
    pilot_started: steps.pilot_started ?? 0,
    pilot_passed: steps.pilot_passed ?? 0,
    deal: steps.deal ?? 0,
    landed: steps.landed ?? 0,
  };
}

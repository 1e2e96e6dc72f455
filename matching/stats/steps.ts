/**
 * The funnel's pair steps in order. A pair's `furthest` is the rank of the furthest step it reached, and it
 * counts for every step up to it: a landed pair passed PoC even when a mature technology skipped PoC.
 * Rank 0 is a pair only suggested (or routed, claimed): not yet reviewed.
 */
export const pairSteps = [
  'reviewed',
  'accepted',
  'poc_started',
  'poc_passed',
  'pilot_started',
  'pilot_passed',
  'deal',
  'landed',
] as const;
export type PairStep = (typeof pairSteps)[number];

/** 1 for reviewed … 8 for landed. */
export const rankOf = (step: PairStep): number => pairSteps.indexOf(step) + 1;

/** The whole funnel: two need steps, then the pair steps. */
export const funnelSteps = ['needs_posted', 'needs_with_suggestions', ...pairSteps] as const;
export type FunnelStep = (typeof funnelSteps)[number];

/** Where a stage move puts a pair in the funnel (contacted, failed and withdrawn add no step). */
export const stageSteps: Partial<Record<string, PairStep>> = {
  accepted: 'accepted',
  poc: 'poc_started',
  pilot: 'pilot_started',
  deal: 'deal',
  landed: 'landed',
};

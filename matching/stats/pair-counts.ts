import { sql } from 'drizzle-orm';
import { statsPairs } from '../../schema/stats.ts';
import { type PairStep, pairSteps, rankOf } from './steps.ts';

const counted = (condition: ReturnType<typeof sql>) =>
  sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/** Count columns for a select over stats_pairs: pairs, routed, and each cumulative step (furthest ≥ its rank). */
export const pairCountColumns = () => ({
  pairs: sql<number>`count(*)`.mapWith(Number),
  needs: sql<number>`count(distinct ${statsPairs.needId})`.mapWith(Number),
  routed: counted(sql`${statsPairs.routedAt} is not null`),
  ...(Object.fromEntries(
    pairSteps.map((step) => [step, counted(sql`${statsPairs.furthest} >= ${rankOf(step)}`)]),
  ) as Record<PairStep, ReturnType<typeof counted>>),
});

export type PairCounts = { pairs: number; needs: number; routed: number } & Record<PairStep, number>;

/** A share, rounded to four places; null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Stage } from './stage-machine.ts';

/** Candidates not yet decided: proposed, waiting in a queue, or claimed by a manager. */
const reviewStages = ['suggested', 'routed', 'claimed'] as const satisfies readonly Stage[];
/** Accepted pairs still being worked towards a deal. */
const progressStages = ['accepted', 'contacted', 'poc', 'pilot', 'deal'] as const satisfies readonly Stage[];

export type NeedProgress = { inReview: number; inProgress: number };

/**
 * What the enterprise may know of the work on its need: how many candidates are being looked at and how many
 * accepted pairs are under way. Declined pairs are neither counted nor shown — a manager turning a candidate
 * down is triage, and the re-match that follows puts the next one in review.
 */
export async function needProgress(db: Db, needId: string): Promise<NeedProgress> {
  const rows = await db
    .select({ stage: suggestions.stage, n: count() })
    .from(suggestions)
    .where(and(eq(suggestions.needId, needId), inArray(suggestions.stage, [...reviewStages, ...progressStages])))
    .groupBy(suggestions.stage);
  const sum = (stages: readonly Stage[]) =>
    rows.filter((r) => stages.includes(r.stage)).reduce((total, r) => total + r.n, 0);
  return { inReview: sum(reviewStages), inProgress: sum(progressStages) };
}

import { count } from 'drizzle-orm';
import { outboxStatuses, suggestionStages } from '../../schema/enums.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { countOutboxByJobAndStatus } from './count-outbox.ts';

type Stage = (typeof suggestionStages)[number];
type OutboxStatus = (typeof outboxStatuses)[number];

export type WorkCounts = {
  /** Every stage, zero included, so a stage that empties reads 0 rather than disappearing. */
  suggestionsByStage: { stage: Stage; n: number }[];
  /** Every status for each job that has rows. */
  outbox: { job: string; status: OutboxStatus; n: number }[];
};

/**
 * Aggregate counts for operations (the Prometheus gauges): suggestions by stage and outbox rows by job and
 * status. A system read with no actor: it returns only enum labels, job names and counts, never ids or text.
 */
export async function countWork({ deps }: { deps: Pick<Deps, 'db'> }): Promise<WorkCounts> {
  const { db } = deps;
  const [stages, rows] = await Promise.all([
    db.select({ stage: suggestions.stage, n: count() }).from(suggestions).groupBy(suggestions.stage),
    countOutboxByJobAndStatus(db),
  ]);
  const byStage = new Map(stages.map((row) => [row.stage, row.n]));
  const jobs = [...new Set(rows.map((row) => row.job))].sort();
  const byJobStatus = new Map(rows.map((row) => [`${row.job}\u0000${row.status}`, row.n]));
  return {
    suggestionsByStage: suggestionStages.map((stage) => ({ stage, n: byStage.get(stage) ?? 0 })),
    outbox: jobs.flatMap((job) =>
      outboxStatuses.map((status) => ({ job, status, n: byJobStatus.get(`${job}\u0000${status}`) ?? 0 })),
    ),
  };
}

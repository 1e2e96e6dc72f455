import { and, count, desc, eq, lt, min, or } from 'drizzle-orm';
import { z } from 'zod';
import type { outboxStatuses } from '../../schema/enums.ts';
import { outbox } from '../../schema/outbox.ts';
import type { JobQueueStats } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import type { WithInput } from '../core/verb.ts';
import { assertAdmin } from './assert-admin.ts';
import { countOutboxByJobAndStatus } from './count-outbox.ts';

export const listJobsInput = z.object({
  /** How many recent failures and stuck rows to list. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Pending or dispatched longer than this counts as stuck; the reconciler's default is 300. */
  stuckAfterSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(300),
});

type Status = (typeof outboxStatuses)[number];
export type JobStatusCounts = { job: string } & Record<Status, number>;
export type JobRowView = {
  id: number;
  job: string;
  key: string;
  status: Status;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  availableAt: Date;
  dispatchedAt: Date | null;
  finishedAt: Date | null;
};

export type JobsOverview = {
  byJob: JobStatusCounts[];
  oldestPendingAt: Date | null;
  queue: ({ runner: string } & Awaited<ReturnType<JobQueueStats['counts']>>) | null;
  recentFailures: JobRowView[];
  stuck: JobRowView[];
  stuckTotal: number;
};

const rowView = {
  id: outbox.id,
  job: outbox.job,
  key: outbox.jobKey,
  status: outbox.status,
  attempts: outbox.attempts,
  lastError: outbox.lastError,
  createdAt: outbox.createdAt,
  availableAt: outbox.availableAt,
  dispatchedAt: outbox.dispatchedAt,
  finishedAt: outbox.finishedAt,
};

/**
 * The operations view of background work, read from the outbox (the source of truth) plus the runner's own
 * queue depth when this process has one. Payloads are never shown: they are ids, but the admin needs the job
 * key and the error, not the data. Stuck: pending past its due time (no relay, or no processor for the job)
 * or dispatched and not settled.
 */
export async function listJobs({ deps, actor, input }: WithInput<unknown>): Promise<JobsOverview> {
  assertAdmin(actor);
  const query = parseInput(listJobsInput, input);
  const cutoff = new Date(deps.clock.now().getTime() - query.stuckAfterSeconds * 1000);
  const stuckWhere = or(
    and(eq(outbox.status, 'pending'), lt(outbox.availableAt, cutoff)),
    and(eq(outbox.status, 'dispatched'), lt(outbox.dispatchedAt, cutoff)),
  );
  const [grouped, oldest, recentFailures, stuck, stuckTotal, queue] = await Promise.all([
    countOutboxByJobAndStatus(deps.db),
    deps.db
      .select({ at: min(outbox.availableAt) })
      .from(outbox)
      .where(eq(outbox.status, 'pending')),
    deps.db
      .select(rowView)
      .from(outbox)
      .where(eq(outbox.status, 'failed'))
      .orderBy(desc(outbox.finishedAt), desc(outbox.id))
      .limit(query.limit),
    deps.db.select(rowView).from(outbox).where(stuckWhere).orderBy(outbox.id).limit(query.limit),
    deps.db.select({ n: count() }).from(outbox).where(stuckWhere),
    queueDepth(deps.jobQueue),
  ]);
  const byJob = new Map<string, JobStatusCounts>();
  for (const row of grouped) {
    const counts = byJob.get(row.job) ?? { job: row.job, pending: 0, dispatched: 0, done: 0, failed: 0 };
    counts[row.status] = row.n;
    byJob.set(row.job, counts);
  }
  return {
    byJob: [...byJob.values()].sort((a, b) => a.job.localeCompare(b.job)),
    oldestPendingAt: oldest[0]?.at ?? null,
    queue,
    recentFailures,
    stuck,
    stuckTotal: stuckTotal[0]?.n ?? 0,
  };
}

/** An unreachable Redis must not take the admin view down with it: the outbox part still answers. */
async function queueDepth(source: JobQueueStats | undefined): Promise<JobsOverview['queue']> {
  if (!source) return null;
  try {
    return { runner: source.kind, ...(await source.counts()) };
  } catch {
    return null;
  }
}

/** One unit of work: `id` is deterministic (see outbox-job-id.ts), so dispatching it twice runs it once. */
export type JobRequest = { name: string; id: string; payload: unknown };

export type JobRef = { name: string; id: string; attempt: number };

/**
 * Reported by the runner that executed the job, before it acknowledges it: `retrying` after a transient
 * failure with attempts left, `failed` when it will not run again (permanent, or out of attempts).
 */
export type JobSettled =
  | { outcome: 'completed'; job: JobRef; durationMs: number }
  | { outcome: 'retrying' | 'failed'; job: JobRef; durationMs: number; error: string; permanent: boolean };

/**
 * Awaited before the job is acknowledged, so "completed in the runner" implies "recorded in Postgres". A
 * listener that throws on `completed` turns the run into a transient failure (it will be retried).
 */
export type JobListener = (event: JobSettled) => Promise<void> | void;

/** Work the runner holds: ready to run, running, and waiting out a retry delay. */
export type RunnerCounts = { waiting: number; active: number; delayed: number };

/**
 * The port both runners implement (test/workers/job-runner-contract.ts). A process that only dispatches
 * (the API with Redis) never calls `start`.
 */
export interface JobRunner {
  readonly kind: 'bullmq' | 'inprocess';
  /** Queues a job unless a job with the same id is already queued, running or waiting to retry. */
  dispatch(request: JobRequest): Promise<void>;
  /** Begins executing jobs. */
  start(): Promise<void>;
  /** Stops taking jobs; with `drain` waits for running ones to finish, otherwise aborts their signals. */
  stop(options?: { drain?: boolean }): Promise<void>;
  counts(): Promise<RunnerCounts>;
}

/** BullMQ reserves ':' in ids and reads integer-looking ids as its own counters. */
export function assertJobId(id: string): void {
  if (!id || id.includes(':') || /^\d+$/.test(id)) throw new Error(`invalid job id ${JSON.stringify(id)}`);
}

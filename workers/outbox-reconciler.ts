import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../matching/core/deps.ts';
import type { Db } from '../schema/db.ts';
import { outbox } from '../schema/outbox.ts';
import type { JobRunner } from './job-runner.ts';
import { dispatchRows } from './outbox-relay.ts';
import { createPoller, type Poller } from './poller.ts';

export type OutboxReconcilerOptions = {
  db: Db;
  runner: JobRunner;
  jobs: readonly string[];
  clock: Clock;
  logger: Logger;
  /** A row dispatched longer ago than this and not settled is dispatched again. */
  stuckAfterMs?: number;
  intervalMs?: number;
  batchSize?: number;
  dispatchTimeoutMs?: number;
};

export type OutboxReconciler = Poller & { tick(): Promise<number> };

/**
 * Postgres is the source of truth: a row still `dispatched` long after it was handed over may have been lost
 * (Redis restarted without its data, a process died holding in-process work). Dispatching it again is safe:
 * the job id is the same, so a job still queued or running is not duplicated, and processors are idempotent.
 * `dispatchedAt` moves forward on each try, so a row is retried once per `stuckAfterMs`, not on every tick.
 */
export function createOutboxReconciler(options: OutboxReconcilerOptions): OutboxReconciler {
  const stuckAfterMs = options.stuckAfterMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 500;
  const tick = async (): Promise<number> => {
    if (options.jobs.length === 0) return 0;
    const now = options.clock.now();
    const stuck = options.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'dispatched'),
          lt(outbox.dispatchedAt, new Date(now.getTime() - stuckAfterMs)),
          inArray(outbox.job, [...options.jobs]),
        ),
      )
      .orderBy(asc(outbox.dispatchedAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const rows = await options.db
      .update(outbox)
      .set({ dispatchedAt: now })
      .where(and(inArray(outbox.id, stuck), eq(outbox.status, 'dispatched')))
      .returning({ id: outbox.id, job: outbox.job, jobKey: outbox.jobKey, payload: outbox.payload });
    if (rows.length === 0) return 0;
    options.logger.info({ rows: rows.length }, 're-dispatching stuck outbox rows');
    const failed = await dispatchRows(options.runner, rows, options.dispatchTimeoutMs ?? 10_000);
    if (failed.length > 0) options.logger.warn({ failed: failed.length }, 're-dispatch failed; retried later');
    return rows.length;
  };
  const poller = createPoller(
    'outbox reconciler',
    options.intervalMs ?? 30_000,
    async () => (await tick()) === batchSize,
    options.logger,
  );
  return { ...poller, tick };
}

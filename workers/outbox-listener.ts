import { and, eq, ne } from 'drizzle-orm';
import type { Clock } from '../matching/core/deps.ts';
import type { Db } from '../schema/db.ts';
import { outbox } from '../schema/outbox.ts';
import type { JobListener } from './job-runner.ts';
import { outboxRowId } from './outbox-job-id.ts';

/**
 * Settles outbox rows from the runner that executed the job, before the runner acknowledges it. Marking by
 * row id makes it idempotent: a job that runs twice (after a crash) marks the same row twice.
 */
export function outboxListener(db: Db, clock: Clock): JobListener {
  return async (event) => {
    const id = outboxRowId(event.job.id);
    if (id === null) return;
    const attempts = event.job.attempt;
    if (event.outcome === 'completed') {
      // Unconditional: even a row a previous run marked failed did, in the end, get its work done.
      await db.update(outbox).set({ status: 'done', attempts, finishedAt: clock.now() }).where(eq(outbox.id, id));
    } else if (event.outcome === 'retrying') {
      await db
        .update(outbox)
        .set({ attempts, lastError: event.error })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'dispatched')));
    } else {
      await db
        .update(outbox)
        .set({ status: 'failed', attempts, lastError: event.error, finishedAt: clock.now() })
        .where(and(eq(outbox.id, id), ne(outbox.status, 'done')));
    }
  };
}

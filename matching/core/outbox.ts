import { sql } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { outbox } from '../../schema/outbox.ts';

/** A drizzle transaction or the database itself: work is recorded inside the caller's transaction. */
export type DbOrTx = Pick<Db, 'insert'>;

/**
 * Records that `job` must run for `payload`, in the caller's transaction, so the write and the promise of
 * work commit or roll back together. `key` is the deterministic job id (no ':' — BullMQ reserves it); while
 * the same key is still pending, recording it again does nothing (the job reads current state when it runs).
 */
import type { Work } from './job-payloads.ts';

export type { Work };

export function recordJob(db: DbOrTx, work: Work): Promise<void> {
  return recordJobs(db, [work]);
}

/** Many at once (one statement): bulk ingest and matching record hundreds of jobs per transaction. */
export async function recordJobs(db: DbOrTx, works: readonly Work[]): Promise<void> {
  if (works.length === 0) return;
  const bad = works.find((w) => w.key.includes(':'));
  if (bad) throw new Error(`job key must not contain ':' (${bad.key})`);
  const now = new Date();
  // A key twice in one statement would make ON CONFLICT touch a row twice; the first occurrence wins.
  const unique = [...new Map(works.map((w) => [w.key, w])).values()];
  await db
    .insert(outbox)
    .values(unique.map((w) => ({ job: w.job, jobKey: w.key, payload: w.payload, availableAt: w.availableAt ?? now })))
    .onConflictDoNothing({ target: outbox.jobKey, where: sql`status = 'pending'` });
}

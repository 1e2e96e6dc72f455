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
export async function recordJob(
  db: DbOrTx,
  work: { job: string; key: string; payload: Record<string, unknown>; availableAt?: Date },
): Promise<void> {
  if (work.key.includes(':')) throw new Error(`job key must not contain ':' (${work.key})`);
  await db
    .insert(outbox)
    .values({ job: work.job, jobKey: work.key, payload: work.payload, availableAt: work.availableAt ?? new Date() })
    .onConflictDoNothing({ target: outbox.jobKey, where: sql`status = 'pending'` });
}

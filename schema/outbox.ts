import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { outboxStatus } from './enums.ts';

/**
 * Work recorded in the same transaction as the write that needs it. A relay hands pending rows to the job
 * queue; a reconciler re-dispatches rows stuck in `dispatched`. `jobKey` is the deterministic job id, unique so
 * the same work is never recorded twice while pending.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    jobKey: text('job_key').notNull(),
    payload: jsonb('payload').notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_status_idx').on(t.status, t.availableAt),
    // While work waits, recording it again is a no-op (the job reads current state when it runs). Once it is
    // in flight it may have read the old state already, so a new write records the work anew.
    uniqueIndex('outbox_pending_job_key_idx').on(t.jobKey).where(sql`status = 'pending'`),
  ],
);

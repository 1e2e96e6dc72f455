import { count } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { outbox } from '../../schema/outbox.ts';

/** Outbox rows per (job, status): the admin jobs view and the Prometheus gauges both start from this. */
export function countOutboxByJobAndStatus(db: Db) {
  return db
    .select({ job: outbox.job, status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.job, outbox.status);
}

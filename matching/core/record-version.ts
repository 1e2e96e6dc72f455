import { createHash } from 'node:crypto';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { PreconditionFailedError } from './errors.ts';

/**
 * Optimistic concurrency for editable records (`ETag` / `If-Match`).
 *
 * The version is `updated_at` at millisecond precision, the precision every reader already sees. PostgreSQL
 * keeps microseconds and a clock may repeat a millisecond, so every update moves `updated_at` to at least the
 * next millisecond after the one it replaces (`bumpedUpdatedAt`): two updates in the same millisecond still
 * yield two versions. The tag is a hash of kind, id and that millisecond: opaque, it tells nothing a reader
 * of the record does not already see (its id and updatedAt), so every caller allowed to see the record gets
 * the same tag, and it is no fingerprint of fields hidden from them, as a hash of the whole row would be.
 */
export function recordVersion(kind: string, record: { id: string; updatedAt: Date }): string {
  return createHash('sha256')
    .update(`${kind}:${record.id}:${record.updatedAt.getTime()}`)
    .digest('base64url')
    .slice(0, 27);
}

/** `expected` absent: an unconditional write. Present: one of the versions must be the record's current one. */
export function assertExpectedVersion(
  kind: string,
  record: { id: string; updatedAt: Date },
  expected: readonly string[] | undefined,
): void {
  if (expected && !expected.includes(recordVersion(kind, record)))
    throw new PreconditionFailedError('version_mismatch');
}

/** The new `updated_at` of an update: now, but never the millisecond of the version it replaces. */
export function bumpedUpdatedAt(column: AnyColumn, now: Date): SQL {
  return sql`greatest(${now.toISOString()}::timestamptz, date_trunc('milliseconds', ${column}) + interval '1 millisecond')`;
}

/**
 * A WHERE term that holds only while the row is still at the version read, so of two writers that both read
 * it, the second's UPDATE matches no row: the check and the write are one statement.
 */
export function stillAtVersion(column: AnyColumn, seen: Date): SQL {
  return sql`date_trunc('milliseconds', ${column}) = ${seen.toISOString()}::timestamptz`;
}

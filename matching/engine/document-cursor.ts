import { type SQL, sql } from 'drizzle-orm';
import { matchDocuments } from '../../schema/match-documents.ts';

/** A position in the (xid, seq) order of `match_documents`. */
export type DocumentPosition = { xid: number; seq: number };

export const startOfLog: DocumentPosition = { xid: 0, seq: 0 };

/**
 * What every writer of a match document stamps on the row (insert and update alike): the next sequence value
 * and its own transaction id. Both together let readers page without ever skipping a row.
 */
export const documentStamp = () => ({
  seq: sql`nextval('match_document_seq')`,
  xid: sql`pg_current_xact_id()::text::bigint`,
});

/** Rows strictly after `position` in (xid, seq) order. */
export const afterPosition = (position: DocumentPosition): SQL =>
  sql`(${matchDocuments.xid}, ${matchDocuments.seq}) > (${position.xid}, ${position.seq})`;

/**
 * The oldest transaction still running when the statement took its snapshot. Every transaction with a smaller
 * id has finished, so no row stamped with such an id can still appear: those rows are final. A row from a newer
 * transaction may be visible while an older one is still to commit, which is why a reader cannot advance its
 * watermark past it (the sequence value alone is drawn before commit and is no order of visibility).
 */
export const snapshotHorizon = sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`.mapWith(Number);

/**
 * Walks one batch of rows in (xid, seq) order and says how far the durable watermark may move: over the leading
 * run of rows whose transaction is older than the horizon, and no further once any row is not.
 */
export function advanceWatermark(
  watermark: DocumentPosition,
  rows: readonly (DocumentPosition & { horizon: number })[],
  contiguous: boolean,
): { watermark: DocumentPosition; contiguous: boolean } {
  let next = watermark;
  let stillContiguous = contiguous;
  for (const row of rows) {
    if (stillContiguous && row.xid < row.horizon) next = { xid: row.xid, seq: row.seq };
    else stillContiguous = false;
  }
  return { watermark: next, contiguous: stillContiguous };
}

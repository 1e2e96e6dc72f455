import { type DbOrTx, recordJobs } from '../core/outbox.ts';
import type { RecordKind } from '../vectors/vector-index.ts';

/** Job names shared by the domain (which records work) and workers/ (which runs it). */
export const jobNames = { ingest: 'ingest', match: 'match', route: 'route', rerouteNeed: 'reroute-need' } as const;

/**
 * Recorded by the ingest step, in the transaction that moves a need's match document to another chain; the
 * job (routing/reroute-need.ts) takes its unclaimed pairs back, re-matches and re-routes the need.
 */
export const rerouteNeedWork = (needId: string) => ({
  job: jobNames.rerouteNeed,
  key: `reroute-need-${needId}`,
  payload: { needId },
});

/** The ingest job of one record, for the write path's `jobs` (core/write.ts). */
export const ingestWork = (kind: RecordKind, id: string, origin: 'edit' | 'bulk' = 'edit') => ({
  job: jobNames.ingest,
  key: `ingest-${kind}-${id}`,
  payload: origin === 'bulk' ? { kind, id, bulk: true } : { kind, id },
});

/**
 * The match job of one record. Keyed by the record, so while one is pending every other request for it (its
 * ingest, a decline, an achievement nominating the need) adds nothing: the job reads current state when it runs.
 */
export const matchWork = (kind: RecordKind, id: string, foundBy?: RecordKind) => ({
  job: jobNames.match,
  key: `match-${kind}-${id}`,
  payload: { kind, id, ...(foundBy ? { foundBy } : {}) },
});

/**
 * Every write to a need or achievement records an ingest in the same transaction: text pipeline, embedding,
 * index, then matching. The job reads the record's current state, so one pending ingest covers many edits.
 */
export function recordIngest(tx: DbOrTx, kind: RecordKind, id: string) {
  return recordIngests(tx, kind, [id]);
}

export function recordIngests(tx: DbOrTx, kind: RecordKind, ids: readonly string[]) {
  return recordJobs(
    tx,
    ids.map((id) => ingestWork(kind, id)),
  );
}

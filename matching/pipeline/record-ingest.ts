import { type DbOrTx, recordJobs } from '../core/outbox.ts';
import type { RecordKind } from '../vectors/vector-index.ts';

/** Job names shared by the domain (which records work) and workers/ (which runs it). */
export const jobNames = { ingest: 'ingest', match: 'match', route: 'route' } as const;

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
    ids.map((id) => ({ job: jobNames.ingest, key: `ingest-${kind}-${id}`, payload: { kind, id } })),
  );
}

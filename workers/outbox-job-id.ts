/**
 * The runner's job id for an outbox row: the row's deterministic `jobKey` plus its id. The key alone is not
 * enough, because a write made while the previous run is in flight records a new row with the same key (the
 * running job may have read the old state); with the key alone BullMQ would swallow that second run as a
 * duplicate. Per row, dispatching again (the relay after a hiccup, the reconciler) is still deduplicated.
 */
export function outboxJobId(row: { id: number; jobKey: string }): string {
  return `${row.jobKey}.${row.id}`;
}

/** The outbox row id inside a job id made by `outboxJobId`, or null for jobs that did not come from the outbox. */
export function outboxRowId(jobId: string): number | null {
  const match = /\.(\d+)$/.exec(jobId);
  return match?.[1] ? Number(match[1]) : null;
}

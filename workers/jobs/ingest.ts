import { ingestPayload } from '../../matching/pipeline/ingest-record.ts';
import type { JobSpec } from '../job-catalog.ts';

/** Text pipeline, embedding and indexing of one need or achievement; records `match` when it changed. */
export const ingestJob = {
  name: 'ingest',
  payload: ingestPayload,
  attempts: 5,
  backoff: { delayMs: 1_000, maxDelayMs: 60_000, jitter: 0.5 },
  // Remote embedders retry 429/5xx themselves; this bounds a stuck HTTP call.
  timeoutMs: 120_000,
} satisfies JobSpec;

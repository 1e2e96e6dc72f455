import { rescorePayload } from '../../matching/pipeline/rescore-record.ts';
import type { JobSpec } from '../job-catalog.ts';

/** Re-ranks the open suggestions of one record after a new ranker version is promoted. */
export const rescoreJob = {
  name: 'rescore',
  payload: rescorePayload,
  attempts: 3,
  backoff: { delayMs: 2_000, maxDelayMs: 60_000, jitter: 0.5 },
  timeoutMs: 60_000,
} satisfies JobSpec;

import { reembedPayload } from '../../matching/pipeline/reembed-record.ts';
import type { JobSpec } from '../job-catalog.ts';

/** Embeds one record into a new embedding space, beside the live one, when the embedder changes. */
export const reembedJob = {
  name: 'reembed',
  payload: reembedPayload,
  attempts: 5,
  backoff: { delayMs: 2_000, maxDelayMs: 120_000, jitter: 0.5 },
  timeoutMs: 120_000,
} satisfies JobSpec;

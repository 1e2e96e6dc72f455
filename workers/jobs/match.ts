import { matchPayload } from '../../matching/pipeline/match-record.ts';
import type { JobSpec } from '../job-catalog.ts';

/** Matching in both directions: a need against the achievement pool, or an achievement against open needs. */
export const matchJob = {
  name: 'match',
  payload: matchPayload,
  attempts: 5,
  backoff: { delayMs: 1_000, maxDelayMs: 60_000, jitter: 0.5 },
  timeoutMs: 60_000,
} satisfies JobSpec;

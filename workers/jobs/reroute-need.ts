import { jobNames } from '../../matching/pipeline/record-ingest.ts';
import { rerouteNeedPayload } from '../../matching/routing/reroute-need.ts';
import type { JobSpec } from '../job-catalog.ts';

/** After a need's chain changed: takes back its unclaimed pairs, re-matches the need and routes it again. */
export const rerouteNeedJob = {
  name: jobNames.rerouteNeed,
  payload: rerouteNeedPayload,
  attempts: 5,
  backoff: { delayMs: 1_000, maxDelayMs: 60_000, jitter: 0.5 },
  // A match plus routing of a handful of pairs: the match job's budget and the route job's together.
  timeoutMs: 90_000,
} satisfies JobSpec;

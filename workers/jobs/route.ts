import { routePayload } from '../../matching/routing/route-suggestion.ts';
import type { JobSpec } from '../job-catalog.ts';

/** Assigns new suggestions to technology managers (or the chain's chief, or the unrouted list). */
export const routeJob = {
  name: 'route',
  payload: routePayload,
  attempts: 5,
  backoff: { delayMs: 500, maxDelayMs: 30_000, jitter: 0.5 },
  timeoutMs: 30_000,
} satisfies JobSpec;

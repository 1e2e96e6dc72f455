import { z } from 'zod';
import type { JobSpec } from '../job-catalog.ts';

/** Assigns one suggestion to a technology manager (or the chain's chief, or the unrouted list). */
export const routeJob = {
  name: 'route',
  payload: z.object({ suggestionId: z.uuid() }),
  attempts: 5,
  backoff: { delayMs: 500, maxDelayMs: 30_000, jitter: 0.5 },
  timeoutMs: 30_000,
} satisfies JobSpec;

import { z } from 'zod';
import type { JobSpec } from '../job-catalog.ts';

/** Re-ranks the open suggestions of one record after a new ranker version is promoted. */
export const rescoreJob = {
  name: 'rescore',
  payload: z.object({ kind: z.enum(['need', 'achievement']), id: z.uuid(), modelVersion: z.string().min(1) }),
  attempts: 3,
  backoff: { delayMs: 2_000, maxDelayMs: 60_000, jitter: 0.5 },
  timeoutMs: 60_000,
} satisfies JobSpec;

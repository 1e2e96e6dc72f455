import { z } from 'zod';
import type { JobSpec } from '../job-catalog.ts';

/**
 * Reassigns unclaimed pairs and escalates undecided ones across all pairs, so the payload carries no record id;
 * a scheduler may name the time slot it records the sweep for (its job key then dedupes the slot).
 */
export const slaSweepJob = {
  name: 'sla-sweep',
  payload: z.object({
    slot: z
      .string()
      .regex(/^[0-9TZ-]+$/)
      .optional(),
  }),
  // A missed sweep is covered by the next slot; retrying an old one only adds load.
  attempts: 2,
  backoff: { delayMs: 5_000, maxDelayMs: 30_000, jitter: 0.5 },
  timeoutMs: 120_000,
} satisfies JobSpec;

import { notifyPayload } from '../../matching/notifications/notify-events.ts';
import type { JobSpec } from '../job-catalog.ts';

/** In-app notifications and signed webhooks for one suggestion event. */
export const notifyJob = {
  name: 'notify',
  payload: notifyPayload,
  // Webhook receivers can be down for a while; the delays reach several minutes.
  attempts: 8,
  backoff: { delayMs: 2_000, maxDelayMs: 600_000, jitter: 0.5 },
  timeoutMs: 30_000,
} satisfies JobSpec;

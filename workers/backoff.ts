import type { Backoff } from './job-catalog.ts';

/**
 * Delay before run `attempt + 1`, after `attempt` failed runs. Jitter takes a random share off the top so
 * many jobs failing together (a database blip) do not all come back at the same instant. Both runners use
 * this one formula (BullMQ through a custom backoff strategy).
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.delayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(0, Math.round(ceiling * (1 - backoff.jitter * random())));
}

/** What to do after a failed attempt: give up, or try again (optionally no sooner than the server asked). */
export type RetryDecision = { retry: false } | { retry: true; afterMs?: number | undefined };

export type RetryPolicy = {
  /** Retries after the first attempt; 0 means a single attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export type RetryHooks = {
  classify(error: unknown): RetryDecision;
  onRetry?: ((info: { attempt: number; delayMs: number; error: unknown }) => void) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with "equal jitter": half the window is fixed so a retry never fires immediately,
 * half is random so many clients throttled at once do not retry in lockstep. A server's retry-after wins
 * when it asks for longer, but never beyond maxDelayMs, so one bad header cannot stall a job for hours.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number, afterMs?: number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = window / 2 + (random() * window) / 2;
  return Math.min(policy.maxDelayMs, Math.max(jittered, afterMs ?? 0));
}

/** Runs `operation` until it succeeds, the error is not retryable, or retries are used up; rethrows the last error. */
export async function withRetries<T>(
  policy: RetryPolicy,
  hooks: RetryHooks,
  operation: (attempt: number) => Promise<T>,
): Promise<T> {
  const sleep = hooks.sleep ?? defaultSleep;
  const random = hooks.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const decision = hooks.classify(error);
      if (!decision.retry || attempt >= policy.maxRetries) throw error;
      const delayMs = backoffDelay(policy, attempt, random, decision.afterMs);
      hooks.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * Reads how long the server wants us to wait: OpenAI's `retry-after-ms`, or the standard `retry-after` in
 * seconds or as an HTTP date. Returns undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

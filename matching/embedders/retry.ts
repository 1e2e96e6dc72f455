import { APIConnectionError, APIError, type ClientOptions } from 'openai';

/**
 * Retries are the openai client's own, for embeddings and chat alike: `maxRetries` further attempts on 408, 409,
 * 429, 5xx, timeouts and connection failures, exponential backoff from 0.5 s to 8 s with jitter, and the server's
 * `retry-after-ms` / `retry-after` honoured. This file adds only what the client lacks, through its `fetch`
 * option: a bound on how long a server's retry-after may hold a request (the client would wait an hour if
 * told to), and a hook that sees each retry, for a log line.
 */
export type RetryObservation = { attempt: number };

export type ClientRetryOptions = {
  /** The longest a server's retry-after may make the client wait before the next attempt. */
  maxRetryAfterMs: number;
  /** Called as each retry is sent (attempt 1 is the first retry), never with request text or keys. */
  onRetry?: ((info: RetryObservation) => void) | undefined;
};

type Fetch = NonNullable<ClientOptions['fetch']>;

/** The client marks every attempt with its retry count (0 for the first); a retry is any attempt above 0. */
const RETRY_COUNT_HEADER = 'x-stainless-retry-count';

/** A `fetch` for the openai client that caps retry-after headers and reports retries. */
export function boundedRetryFetch(options: ClientRetryOptions, base: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const attempt = Number(new Headers(init?.headers).get(RETRY_COUNT_HEADER) ?? '0');
    if (attempt > 0) options.onRetry?.({ attempt });
    const response = await base(input, init);
    return capRetryAfter(response, options.maxRetryAfterMs);
  };
}

/** A copy of the response whose retry-after asks for at most `maxMs`; other responses pass unchanged. */
export function capRetryAfter(response: Response, maxMs: number, now: number = Date.now()): Response {
  if (response.ok) return response;
  const asked = retryAfterMs(response.headers, now);
  if (asked === undefined || asked <= maxMs) return response;
  const headers = new Headers(response.headers);
  headers.delete('retry-after');
  // The client reads retry-after-ms first, so this one header now decides the wait.
  headers.set('retry-after-ms', String(maxMs));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
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

/** The statuses the openai client retries; an error with one of them has used up every attempt. */
export function isRetriedStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** How many attempts a failed call made: all of them when the client retried its kind of failure, else one. */
export function attemptsMade(error: unknown, maxRetries: number): number {
  const retried =
    error instanceof APIConnectionError ||
    (error instanceof APIError && typeof error.status === 'number' && isRetriedStatus(error.status));
  return retried ? maxRetries + 1 : 1;
}

import { signWebhook } from './webhook-signature.ts';

export type DeliveryOptions = {
  /** Per HTTP attempt. */
  timeoutMs: number;
  /** Attempts within one job run before the job itself is left to retry later. */
  attemptsPerRun: number;
  /** Attempts over all runs; after that the delivery is given up (kept with its last error). */
  maxAttempts: number;
  /** First backoff between attempts in a run; doubles each time, with jitter. */
  backoffMs: number;
};

/**
 * Three 5 s attempts plus backoff stay well inside the notify job's 30 s timeout; the job's own retries (8, with
 * backoff up to minutes) cover longer outages, and 12 attempts in all bound a receiver that never recovers.
 */
export const defaultDeliveryOptions: DeliveryOptions = {
  timeoutMs: 5_000,
  attemptsPerRun: 3,
  maxAttempts: 12,
  backoffMs: 500,
};

export type AttemptResult = { ok: boolean; status: number | null; error: string | null };

export type SignedRequest = {
  url: string;
  secret: string;
  body: string;
  headers: Record<string, string>;
  timestampSeconds: number;
};

/**
 * One signed POST. Redirects are not followed (a signed payload must reach only the registered URL). Errors
 * are short codes, never the URL (it may carry a token) nor the response body.
 */
export async function postSigned(
  request: SignedRequest,
  timeoutMs: number,
  stop?: AbortSignal,
): Promise<AttemptResult> {
  const timestamp = String(request.timestampSeconds);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'conversion-agent-webhooks/1',
        ...request.headers,
        'x-timestamp': timestamp,
        'x-signature': signWebhook(request.secret, request.timestampSeconds, request.body),
      },
      body: request.body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `http_${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: errorCode(error) };
  }
}

function errorCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? `network_${cause.code}` : 'network_error';
}

/** Exponential backoff with full jitter, so many failing receivers do not retry in lockstep. */
export function backoffDelay(attempt: number, baseMs: number, random = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** attempt, 30_000);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

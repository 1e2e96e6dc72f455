import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { signWebhook } from './webhook-signature.ts';
import { type ResolveHost, vetTarget } from './webhook-target.ts';
import type { WebhookTargetPolicy } from './webhook-target-policy.ts';

export type DeliveryOptions = {
  /** Per HTTP attempt. */
  timeoutMs: number;
  /** Attempts within one job run before the job itself is left to retry later. */
  attemptsPerRun: number;
  /** Attempts over all runs; after that the delivery is given up (kept with its last error). */
  maxAttempts: number;
  /** First backoff between attempts in a run; doubles each time, with jitter. */
  backoffMs: number;
  /** How host names become addresses before they are vetted; the system resolver unless a test brings one. */
  resolve?: ResolveHost | undefined;
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

export type AttemptResult = {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** The target is not one webhooks may reach; trying again cannot help. */
  blocked?: boolean;
};

export type SignedRequest = {
  url: string;
  secret: string;
  body: string;
  headers: Record<string, string>;
  timestampSeconds: number;
};

export type TargetRules = { policy: WebhookTargetPolicy; resolve?: ResolveHost | undefined };

/**
 * One signed POST, to an address vetted just before (see webhook-target.ts) and pinned for the connection.
 * Redirects are not followed (a signed payload must reach only the registered URL). Errors are short codes,
 * never the URL (it may carry a token) nor the response body.
 */
export async function postSigned(
  request: SignedRequest,
  timeoutMs: number,
  target: TargetRules,
  stop?: AbortSignal,
): Promise<AttemptResult> {
  const timestamp = String(request.timestampSeconds);
  const signal = stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs);
  try {
    const url = new URL(request.url);
    const vetted = await untilAborted(vetTarget(url, target.policy, target.resolve), signal);
    if ('blocked' in vetted) return { ok: false, status: null, error: 'blocked_target', blocked: true };
    const status = await post(url, vetted.addresses, signal, request.body, {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'conversion-agent-webhooks/1',
      ...request.headers,
      'x-timestamp': timestamp,
      'x-signature': signWebhook(request.secret, request.timestampSeconds, request.body),
    });
    const ok = status >= 200 && status < 300;
    return { ok, status, error: ok ? null : `http_${status}` };
  } catch (error) {
    return { ok: false, status: null, error: errorCode(error) };
  }
}

/** node:http rather than fetch: its `lookup` hook lets the socket use the vetted addresses and no others. */
function post(
  url: URL,
  addresses: LookupAddress[],
  signal: AbortSignal,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
        lookup: pinnedLookup(addresses),
        // No pooled sockets: each delivery connects to what was vetted for it.
        agent: false,
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const wanted = addresses.filter((a) => !options.family || a.family === options.family);
    const first = wanted[0];
    if (!first) {
      callback(Object.assign(new Error('no vetted address'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    if (options.all) callback(null, wanted);
    else callback(null, first.address, first.family);
  };
}

/** DNS lookups take no signal; the attempt's timeout must still bound them. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function errorCode(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const own = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof own === 'string') return `network_${own}`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? `network_${cause.code}` : 'network_error';
}

/** Exponential backoff with full jitter, so many failing receivers do not retry in lockstep. */
export function backoffDelay(attempt: number, baseMs: number, random = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** attempt, 30_000);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

import type { CallKind, CallRecord } from './load-types.ts';

/** A call that takes longer than this counts as failed (status 0): the bench must end even if the API hangs. */
const callTimeoutMs = 30_000;

export type Answer = { status: number; ms: number; body: unknown };

/**
 * One JSON call over keep-alive HTTP (Node's fetch), timed from just before it is sent to the end of its body.
 * Network errors and timeouts answer status 0 rather than throwing, so every attempt is counted.
 */
export async function timedCall(
  calls: CallRecord[],
  kind: CallKind,
  url: string,
  key: string,
  init: { method: 'GET' | 'POST'; body?: unknown } = { method: 'GET' },
): Promise<Answer> {
  const started = performance.now();
  let status = 0;
  let body: unknown;
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(callTimeoutMs),
    });
    const text = await response.text();
    status = response.status;
    body = text.length > 0 && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  } catch {
    status = 0;
  }
  const ms = performance.now() - started;
  calls.push({ kind, status, ms });
  return { status, ms, body };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A string field of a JSON object answer, if there is one. */
export function stringField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

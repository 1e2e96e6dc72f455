import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { RateLimitOptions } from '../../api/rate-limit.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createMetrics } from '../../workers/metrics.ts';

export type Answer = { status: number; headers: Headers; body: any };
export type Hit = (path: string, options?: { key?: string; headers?: Record<string, string> }) => Promise<Answer>;

/** The real app with limits, on an ephemeral loopback port (test/support/http.ts serves it without any). */
export async function startLimitedServer(
  deps: Deps,
  rateLimit: RateLimitOptions,
): Promise<{ hit: Hit; close(): Promise<void> }> {
  const app = createApp(deps, { bodyLimitBytes: 64 * 1024, rateLimit, metrics: createMetrics() });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hit: Hit = async (path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    const response = await fetch(`${url}${path}`, { headers });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') ? JSON.parse(text) : text,
    };
  };
  return {
    hit,
    close: () =>
      new Promise((resolve) => {
        // fetch keeps connections alive; close them so the server stops at once.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Sends `count` requests one after another and returns their statuses in order. */
export async function statuses(count: number, send: () => Promise<Answer>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await send()).status);
  return seen;
}

/** A 429 problem document with Retry-After and the RateLimit fields of the policy that refused. */
export function expectRateLimited(res: Answer, reason: string, limit: number, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: '/problems/rate_limited', status: 429, code: 'rate_limited', reason });
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(res.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
  expect(res.headers.get('ratelimit-policy')).toBe(`${limit};w=${windowSeconds}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const randomPrefix = () => `ca-test-rl:${crypto.randomUUID()}`;

/** A well-formed key that no database holds. */
export const unknownKey = () => `cak_${crypto.randomUUID().replaceAll('-', '')}`;

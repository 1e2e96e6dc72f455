import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { errorLogFields } from '../matching/core/error-log-fields.ts';
import { bearerSecret } from './auth.ts';
import { clientIp } from './client-ip.ts';
import type { AppEnv } from './env.ts';
import { problem } from './problem.ts';
import { type Counter, createCounter, type Outcome } from './rate-limit-store.ts';

export type RateLimitOptions = {
  /** Requests per API key per window. */
  perKey: number;
  /** Requests per client address per window, authenticated or not. */
  perIp: number;
  /** Failed authentications per client address per failure window; past it the address gets 429 for everything. */
  authFailuresPerIp: number;
  /** Whole seconds (Redis expires keys by the second); 60 and 600 unless a test shrinks them. */
  windowSeconds?: number;
  authFailureWindowSeconds?: number;
  /** Reverse proxies in front of the API whose X-Forwarded-For entries are believed (0: none). */
  trustedProxyHops: number;
  /** Counts shared by every API instance; in this process's memory when absent. */
  redis?: Redis | undefined;
  /** Redis key prefix, so tests (and several deployments on one Redis) never share counts. */
  keyPrefix?: string;
};

export type RateLimits = { byIp: MiddlewareHandler<AppEnv>; byKey: MiddlewareHandler<AppEnv> };

/** Probes and scrapes answer however often they are called: a limited probe would restart a healthy pod. */
const unlimitedPaths = new Set(['/healthz', '/readyz', '/metrics']);

const passThrough: MiddlewareHandler<AppEnv> = (_c, next) => next();

/**
 * `byIp` runs before authentication: an address that has failed too often is refused before its key is even
 * looked at, and every request counts against its address. `byKey` runs after authentication. Without
 * options nothing is limited (tests that build the app without them).
 */
export function rateLimits(options: RateLimitOptions | undefined): RateLimits {
  if (!options) return { byIp: passThrough, byKey: passThrough };
  const store = { redis: options.redis, keyPrefix: options.keyPrefix ?? 'ca:rl' };
  const windowSeconds = options.windowSeconds ?? 60;
  const perIp = createCounter(store, 'ip', options.perIp, windowSeconds);
  const perKey = createCounter(store, 'key', options.perKey, windowSeconds);
  const failures = createCounter(store, 'authfail', options.authFailuresPerIp, options.authFailureWindowSeconds ?? 600);

  const byIp: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (unlimitedPaths.has(c.req.path)) return next();
    const ip = clientIp(c, options.trustedProxyHops);
    // While an address is over its failure budget even a valid key is refused: answering it would tell a
    // guesser which of its guesses was right.
    const failed = await guarded(c, () => failures.peek(ip));
    if (failed && !failed.allowed) return tooManyRequests(c, failures, failed, 'rate_limit_auth_failures');
    const used = await guarded(c, () => perIp.take(ip));
    if (used && !used.allowed) return tooManyRequests(c, perIp, used, 'rate_limit_ip');
    await next();
    if (c.res.status === 401) await guarded(c, () => failures.add(ip));
  };

  const byKey: MiddlewareHandler<AppEnv> = async (c, next) => {
    const secret = bearerSecret(c);
    if (!secret) return next();
    const used = await guarded(c, () => perKey.take(keyBucket(secret)));
    if (used) setRateLimitHeaders(c, perKey, used);
    if (used && !used.allowed) return tooManyRequests(c, perKey, used, 'rate_limit_key');
    await next();
  };

  return { byIp, byKey };
}

/**
 * The key's bucket name: a digest of the secret, distinct from the hash stored in the database, so the
 * counters in Redis name no key and match no stored row.
 */
function keyBucket(secret: string): string {
  return createHash('sha256').update(`rate-limit\0${secret}`).digest('base64url').slice(0, 32);
}

/** A counter that cannot answer lets the request through: limits protect the service, they must not stop it. */
async function guarded<T>(c: Context<AppEnv>, count: () => Promise<T>): Promise<T | undefined> {
  try {
    return await count();
  } catch (error: unknown) {
    c.get('deps').logger.warn(
      { error: errorLogFields(error), requestId: c.get('requestId') },
      'rate limit not checked',
    );
    return undefined;
  }
}

const resetSeconds = (outcome: Outcome) => Math.max(1, Math.ceil(outcome.resetMs / 1000));

/** The IETF RateLimit header fields (draft 6 form, which clients and gateways read today). */
function setRateLimitHeaders(c: Context<AppEnv>, counter: Counter, outcome: Outcome) {
  c.header('ratelimit-policy', `${counter.points};w=${counter.seconds}`);
  c.header('ratelimit-limit', String(counter.points));
  c.header('ratelimit-remaining', String(outcome.remaining));
  c.header('ratelimit-reset', String(resetSeconds(outcome)));
}

function tooManyRequests(c: Context<AppEnv>, counter: Counter, outcome: Outcome, reason: string): Response {
  setRateLimitHeaders(c, counter, outcome);
  c.header('retry-after', String(resetSeconds(outcome)));
  return problem(c, {
    status: 429,
    code: 'rate_limited',
    reason,
    params: { limit: counter.points, window: counter.seconds, retryAfter: resetSeconds(outcome) },
  });
}

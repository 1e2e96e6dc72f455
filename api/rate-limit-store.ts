import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** A fixed-window counter: at most `points` per `seconds`, shared through Redis or kept in this process. */
export type Counter = {
  points: number;
  seconds: number;
  /** Counts one; `allowed` is false once the window's points are spent. */
  take(key: string): Promise<Outcome>;
  /** Reads without counting; `allowed` is false once the window's points are spent. */
  peek(key: string): Promise<Outcome>;
  /** Counts one without refusing anything (a failure that already happened). */
  add(key: string): Promise<void>;
};

export type Outcome = { allowed: boolean; remaining: number; resetMs: number };

export type CounterStore = { redis?: Redis | undefined; keyPrefix: string };

export function createCounter(store: CounterStore, name: string, points: number, seconds: number): Counter {
  const settings = { keyPrefix: `${store.keyPrefix}:${name}`, points, duration: seconds };
  const limiter = store.redis
    ? new RateLimiterRedis({
        ...settings,
        storeClient: store.redis,
        // A Redis outage must neither stop the API nor lift the limits: each process then counts on its own.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(settings),
      })
    : new RateLimiterMemory(settings);
  const outcome = (res: RateLimiterRes, allowed: boolean): Outcome => ({
    allowed,
    remaining: res.remainingPoints,
    resetMs: res.msBeforeNext,
  });
  return {
    points,
    seconds,
    async take(key) {
      try {
        return outcome(await limiter.consume(key), true);
      } catch (rejection: unknown) {
        // Out of points rejects with a RateLimiterRes; a failing store (without insurance) with an Error.
        if (rejection instanceof RateLimiterRes) return outcome(rejection, false);
        throw rejection;
      }
    },
    async peek(key) {
      const res = await limiter.get(key);
      if (!res) return { allowed: true, remaining: points, resetMs: seconds * 1000 };
      return outcome(res, res.consumedPoints < points);
    },
    async add(key) {
      await limiter.penalty(key);
    },
  };
}

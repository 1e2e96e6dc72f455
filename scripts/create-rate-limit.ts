import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RateLimitOptions } from '../api/rate-limit.ts';
import type { Config } from './config.ts';

type RateLimitConfig = Pick<
  Config,
  'REDIS_URL' | 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_IP_PER_MINUTE' | 'RATE_LIMIT_AUTH_FAILURES' | 'TRUST_PROXY'
>;

/**
 * The API's limits from config. With REDIS_URL the counts live in Redis, so every API instance enforces one
 * shared budget; the connection is the limiter's own, not BullMQ's, because the two want opposite settings:
 * BullMQ waits out an outage (no retry limit), a limiter must answer at once, and while Redis is down each
 * process counts in its own memory instead (the library's insurance limiter).
 */
export function createRateLimit(
  config: RateLimitConfig,
  logger: Logger,
): { options: RateLimitOptions; close(): Promise<void> } {
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : undefined;
  if (redis) reportOutages(redis, logger);
  return {
    options: {
      perKey: config.RATE_LIMIT_PER_MINUTE,
      perIp: config.RATE_LIMIT_IP_PER_MINUTE,
      authFailuresPerIp: config.RATE_LIMIT_AUTH_FAILURES,
      trustedProxyHops: config.TRUST_PROXY,
      redis,
    },
    close: async () => {
      redis?.disconnect();
    },
  };
}

/** One line when Redis goes away and one when it is back, not one per reconnect attempt. */
function reportOutages(redis: Redis, logger: Logger) {
  let down = false;
  redis.on('error', (error: NodeJS.ErrnoException) => {
    if (down) return;
    down = true;
    logger.warn({ code: error.code }, 'rate-limit Redis unavailable: each API process now counts on its own');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('rate-limit Redis back: limits are shared again');
  });
}

import { describe, expect, it } from 'vitest';
import { assessEvictionPolicy, checkRedis, connectRedis } from '../../workers/redis-connection.ts';
import { checkService } from '../support/services.ts';

describe('eviction policy assessment', () => {
  it('accepts only noeviction', () => {
    expect(assessEvictionPolicy('noeviction')).toBe(true);
    for (const policy of ['allkeys-lru', 'volatile-lru', 'allkeys-random', null]) {
      expect(assessEvictionPolicy(policy)).toBe(false);
    }
  });
});

const service = await checkService('TEST_REDIS_URL');
describe.skipIf(!service.available)(`real Redis${service.available ? '' : ` (${service.reason})`}`, () => {
  it('connects, reads the eviction policy and round-trips a key', async () => {
    const redis = connectRedis(service.url ?? '');
    try {
      const health = await checkRedis(redis);
      expect(health).toEqual({ reachable: true, evictionPolicy: 'noeviction', safeForJobs: true });
      const key = `ca-test:${crypto.randomUUID()}`;
      await redis.set(key, '湖州', 'EX', 30);
      expect(await redis.get(key)).toBe('湖州');
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });

  it('reports an unreachable server instead of throwing', async () => {
    const redis = connectRedis('redis://127.0.0.1:1');
    redis.on('error', () => {});
    const health = await checkRedis(redis);
    redis.disconnect();
    expect(health.reachable).toBe(false);
  });
});

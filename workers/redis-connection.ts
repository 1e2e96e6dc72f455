import { Redis } from 'ioredis';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on worker connections and a Redis that never evicts keys: an evicted
 * job key is lost work. Postgres stays the source of truth, but we refuse to start on a Redis that would drop jobs.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableReadyCheck: true });
}

export type RedisHealth = { reachable: boolean; evictionPolicy: string | null; safeForJobs: boolean };

export function assessEvictionPolicy(policy: string | null): boolean {
  return policy === 'noeviction';
}

export async function checkRedis(redis: Redis): Promise<RedisHealth> {
  try {
    if (redis.status === 'wait') await redis.connect();
    await redis.ping();
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    return { reachable: true, evictionPolicy: policy, safeForJobs: assessEvictionPolicy(policy) };
  } catch {
    return { reachable: false, evictionPolicy: null, safeForJobs: false };
  }
}

import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitOptions } from '../../api/rate-limit.ts';
import { hashKeySecret } from '../../matching/admin/api-key-secret.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { checkService } from '../support/services.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import {
  expectRateLimited,
  type Hit,
  randomPrefix,
  sleep,
  startLimitedServer,
  statuses,
  unknownKey,
} from './rate-limit-support.ts';

const generous = { perKey: 1000, perIp: 1000, authFailuresPerIp: 1000, trustedProxyHops: 0 };

const service = await checkService('TEST_REDIS_URL');
describe.skipIf(!service.available)(
  `rate limits shared through Redis${service.available ? '' : ` (${service.reason})`}`,
  () => {
    let deps: Deps;
    let drop: () => Promise<void>;
    let ent: Persona;
    let mgr: Persona;
    let inspector: Redis;
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      const handle = await openTestDb('pglite');
      drop = handle.drop;
      deps = testDeps(handle.db);
      [ent, mgr] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'manager')]);
      inspector = new Redis(service.url ?? '');
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    afterAll(async () => {
      inspector?.disconnect();
      await drop?.();
    });

    /** A connection like production's (fails fast rather than queueing), connected before traffic starts. */
    async function connect(): Promise<Redis> {
      const redis = new Redis(service.url ?? '', {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        lazyConnect: true,
      });
      await redis.connect();
      cleanups.push(async () => redis.disconnect());
      return redis;
    }

    /** Two API instances, each with its own Redis connection as two processes would have, on one key prefix. */
    async function twoInstances(limits: Partial<RateLimitOptions>): Promise<{ a: Hit; b: Hit; prefix: string }> {
      const prefix = randomPrefix();
      cleanups.push(async () => {
        const keys = await inspector.keys(`${prefix}:*`);
        if (keys.length > 0) await inspector.del(...keys);
      });
      const [a, b] = await Promise.all(
        [0, 1].map(async () => {
          const server = await startLimitedServer(deps, {
            ...generous,
            ...limits,
            redis: await connect(),
            keyPrefix: prefix,
          });
          cleanups.push(() => server.close());
          return server.hit;
        }),
      );
      if (!a || !b) throw new Error('two servers expected');
      return { a, b, prefix };
    }

    it('a key’s limit holds across two instances, with requests split between them', async () => {
      const { a, b, prefix } = await twoInstances({ perKey: 4 });
      const split = [a, b, a, b].map((hit) => () => hit('/v1/me', { key: ent.key }));
      const answers = [];
      for (const send of split) answers.push((await send()).status);
      expect(answers).toEqual([200, 200, 200, 200]);
      expectRateLimited(await a('/v1/me', { key: ent.key }), 'rate_limit_key', 4, 60);
      expectRateLimited(await b('/v1/me', { key: ent.key }), 'rate_limit_key', 4, 60);
      expect((await b('/v1/me', { key: mgr.key })).status).toBe(200);

      // The counts are in Redis, under names that are neither the key nor its stored hash.
      const keys = await inspector.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const name of keys) {
        expect(name).not.toContain(ent.key);
        expect(name).not.toContain(hashKeySecret(ent.key));
      }
    });

    it('failed keys on one instance block the address on the other, a valid key included', async () => {
      const { a, b } = await twoInstances({ authFailuresPerIp: 2 });
      expect((await a('/v1/me', { key: unknownKey() })).status).toBe(401);
      expect((await b('/v1/me', { key: unknownKey() })).status).toBe(401);
      expectRateLimited(await a('/v1/me', { key: ent.key }), 'rate_limit_auth_failures', 2, 600);
      expectRateLimited(await b('/v1/me', { key: ent.key }), 'rate_limit_auth_failures', 2, 600);
    });

    it('an address’s limit holds across both instances', async () => {
      const { a, b } = await twoInstances({ perIp: 3 });
      expect((await a('/v1/me', { key: ent.key })).status).toBe(200);
      expect((await b('/v1/me', { key: mgr.key })).status).toBe(200);
      expect((await a('/openapi.json')).status).toBe(200);
      expectRateLimited(await b('/v1/me', { key: ent.key }), 'rate_limit_ip', 3, 60);
    });

    it('the window resets in Redis too', async () => {
      const { a, b } = await twoInstances({
        perKey: 2,
        authFailuresPerIp: 1,
        windowSeconds: 1,
        authFailureWindowSeconds: 1,
      });
      expect(await statuses(3, () => a('/v1/me', { key: ent.key }))).toEqual([200, 200, 429]);
      expect((await b('/v1/me', { key: unknownKey() })).status).toBe(401);
      expect((await a('/v1/me', { key: mgr.key })).status).toBe(429);
      await sleep(1200);
      expect((await b('/v1/me', { key: ent.key })).status).toBe(200);
      expect((await a('/v1/me', { key: mgr.key })).status).toBe(200);
    });
  },
);

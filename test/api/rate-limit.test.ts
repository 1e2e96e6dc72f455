import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitOptions } from '../../api/rate-limit.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { expectRateLimited, type Hit, sleep, startLimitedServer, statuses, unknownKey } from './rate-limit-support.ts';

const generous = { perKey: 1000, perIp: 1000, authFailuresPerIp: 1000, trustedProxyHops: 0 };

describe('rate limits, counted in memory (real HTTP, no Redis)', () => {
  let deps: Deps;
  let drop: () => Promise<void>;
  let ent: Persona;
  let mgr: Persona;
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    deps = testDeps(handle.db);
    [ent, mgr] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'manager')]);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(async () => {
    await drop?.();
  });

  async function serve(limits: Partial<RateLimitOptions>): Promise<Hit> {
    const server = await startLimitedServer(deps, { ...generous, ...limits });
    servers.push(server);
    return server.hit;
  }

  it('a key over its limit gets 429 problem+json with Retry-After and RateLimit fields, in zh and en', async () => {
    const hit = await serve({ perKey: 3 });
    const allowed = [await hit('/v1/me', { key: ent.key }), await hit('/v1/me', { key: ent.key })];
    allowed.push(await hit('/v1/me', { key: ent.key }));
    expect(allowed.map((res) => res.status)).toEqual([200, 200, 200]);
    expect(allowed.map((res) => res.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
    expect(allowed[0]?.headers.get('ratelimit-limit')).toBe('3');

    const refused = await hit('/v1/me', { key: ent.key });
    expectRateLimited(refused, 'rate_limit_key', 3, 60);
    expect(refused.headers.get('content-language')).toBe('zh-CN');
    expect(refused.body.title).toBe('请求过于频繁');
    expect(refused.body.detail).toContain('该 API 密钥每 60 秒最多 3 次请求');
    expect(refused.body.requestId).toMatch(/.+/);

    const english = await hit('/v1/me', { key: ent.key, headers: { 'accept-language': 'en' } });
    expectRateLimited(english, 'rate_limit_key', 3, 60);
    expect(english.body.title).toBe('Too many requests');
    const retryAfter = english.headers.get('retry-after');
    expect(english.body.detail).toBe(
      `This API key may make at most 3 requests per 60 seconds; retry in ${retryAfter} seconds`,
    );
  });

  it('another key is unaffected when one key reaches its limit', async () => {
    const hit = await serve({ perKey: 2 });
    expect(await statuses(3, () => hit('/v1/me', { key: ent.key }))).toEqual([200, 200, 429]);
    expect(await statuses(2, () => hit('/v1/me', { key: mgr.key }))).toEqual([200, 200]);
    expect((await hit('/v1/me', { key: ent.key })).status).toBe(429);
  });

  it('an address over its limit gets 429 whichever key it uses, and for unauthenticated pages too', async () => {
    const hit = await serve({ perIp: 4 });
    expect(await statuses(2, () => hit('/v1/me', { key: ent.key }))).toEqual([200, 200]);
    expect(await statuses(2, () => hit('/v1/me', { key: mgr.key }))).toEqual([200, 200]);
    expectRateLimited(await hit('/v1/me', { key: mgr.key }), 'rate_limit_ip', 4, 60);
    expectRateLimited(await hit('/openapi.json'), 'rate_limit_ip', 4, 60);
  });

  it('failed keys from one address are refused before any key is checked, a valid key included', async () => {
    const hit = await serve({ authFailuresPerIp: 3 });
    const guesses = await statuses(3, () => hit('/v1/me', { key: unknownKey() }));
    expect(guesses).toEqual([401, 401, 401]);
    const blocked = await hit('/v1/me', { key: unknownKey(), headers: { 'accept-language': 'en' } });
    expectRateLimited(blocked, 'rate_limit_auth_failures', 3, 600);
    expect(blocked.body.detail).toContain('failed authentication 3 times within 600 seconds');
    // 429 for a right guess too: a 200 here would tell the guesser which key works.
    expectRateLimited(await hit('/v1/me', { key: ent.key }), 'rate_limit_auth_failures', 3, 600);
    expect((await hit('/v1/me')).status).toBe(429);
    expect((await hit('/docs')).status).toBe(429);
  });

  it('successful requests do not use up the failure budget', async () => {
    const hit = await serve({ authFailuresPerIp: 2 });
    expect(await statuses(5, () => hit('/v1/me', { key: ent.key }))).toEqual([200, 200, 200, 200, 200]);
    expect((await hit('/v1/me', { key: unknownKey() })).status).toBe(401);
    expect((await hit('/v1/me', { key: ent.key })).status).toBe(200);
  });

  it('behind a trusted proxy, addresses come from X-Forwarded-For and a blocked one leaves others alone', async () => {
    const hit = await serve({ authFailuresPerIp: 2, trustedProxyHops: 1 });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const attacker = from('203.0.113.7');
    expect(await statuses(2, () => hit('/v1/me', { key: unknownKey(), headers: attacker }))).toEqual([401, 401]);
    expect((await hit('/v1/me', { key: ent.key, headers: attacker })).status).toBe(429);
    expect((await hit('/v1/me', { key: ent.key, headers: from('203.0.113.8') })).status).toBe(200);
    // What the client wrote before the proxy's own entry is not believed.
    const spoofed = from('198.51.100.1, 203.0.113.7');
    expect((await hit('/v1/me', { key: ent.key, headers: spoofed })).status).toBe(429);
  });

  it('without a trusted proxy X-Forwarded-For is ignored, so it cannot buy fresh guesses', async () => {
    const hit = await serve({ authFailuresPerIp: 2 });
    const forged = (n: number) => ({ key: unknownKey(), headers: { 'x-forwarded-for': `198.51.100.${n}` } });
    expect([(await hit('/v1/me', forged(1))).status, (await hit('/v1/me', forged(2))).status]).toEqual([401, 401]);
    expectRateLimited(await hit('/v1/me', forged(3)), 'rate_limit_auth_failures', 2, 600);
  });

  it('IPv6 callers are counted by their /64, which one subscriber holds whole', async () => {
    const hit = await serve({ authFailuresPerIp: 2, trustedProxyHops: 1 });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    expect((await hit('/v1/me', { key: unknownKey(), headers: from('2001:db8:1:2::a') })).status).toBe(401);
    expect((await hit('/v1/me', { key: unknownKey(), headers: from('2001:DB8:1:2:ffff::1') })).status).toBe(401);
    expect((await hit('/v1/me', { key: ent.key, headers: from('2001:db8:1:2:0:0:0:99') })).status).toBe(429);
    expect((await hit('/v1/me', { key: ent.key, headers: from('2001:db8:1:3::1') })).status).toBe(200);
  });

  it('health, readiness and metrics are never limited', async () => {
    const hit = await serve({ perIp: 1, authFailuresPerIp: 1 });
    expect((await hit('/v1/me', { key: unknownKey() })).status).toBe(401);
    expect((await hit('/v1/me', { key: ent.key })).status).toBe(429);
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect(await statuses(4, () => hit(path))).toEqual([200, 200, 200, 200]);
    }
  });

  it('the windows reset: a limited key and a blocked address are served again in the next window', async () => {
    const hit = await serve({ perKey: 2, authFailuresPerIp: 1, windowSeconds: 1, authFailureWindowSeconds: 1 });
    expect(await statuses(3, () => hit('/v1/me', { key: ent.key }))).toEqual([200, 200, 429]);
    expect((await hit('/v1/me', { key: unknownKey() })).status).toBe(401);
    const blocked = await hit('/v1/me', { key: mgr.key });
    expectRateLimited(blocked, 'rate_limit_auth_failures', 1, 1);
    await sleep(1100);
    expect((await hit('/v1/me', { key: mgr.key })).status).toBe(200);
    expect(await statuses(3, () => hit('/v1/me', { key: ent.key }))).toEqual([200, 200, 429]);
  });

  it('an unreachable Redis: each process still enforces the limits, and nothing answers 500', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => {});
    try {
      const hit = await serve({ perKey: 2, authFailuresPerIp: 1, redis });
      expect(await statuses(3, () => hit('/v1/me', { key: ent.key }))).toEqual([200, 200, 429]);
      expect((await hit('/v1/me', { key: unknownKey() })).status).toBe(401);
      expect((await hit('/v1/me', { key: mgr.key })).status).toBe(429);
    } finally {
      redis.disconnect();
    }
  });

  it('in memory each instance counts on its own (what Redis is for when several run)', async () => {
    const [a, b] = [await serve({ perKey: 1 }), await serve({ perKey: 1 })];
    expect([(await a('/v1/me', { key: ent.key })).status, (await a('/v1/me', { key: ent.key })).status]).toEqual([
      200, 429,
    ]);
    expect((await b('/v1/me', { key: ent.key })).status).toBe(200);
  });

  it('without rateLimit options (as the other suites build the app) nothing is limited', async () => {
    const server = await startServer(deps);
    servers.push(server);
    const guesses = await statuses(25, () => server.call('GET', '/v1/me', { key: unknownKey() }));
    expect(guesses).toEqual(Array(25).fill(401));
    const own = await server.call('GET', '/v1/me', { key: ent.key });
    expect(own.status).toBe(200);
    expect(own.headers.get('ratelimit-limit')).toBeNull();
  });
});

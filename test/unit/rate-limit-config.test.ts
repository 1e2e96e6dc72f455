import { Redis } from 'ioredis';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../scripts/config.ts';
import { createRateLimit } from '../../scripts/create-rate-limit.ts';

const silent = pino({ level: 'silent' });

describe('rate-limit configuration', () => {
  it('has documented defaults: 600 per key and 1200 per address a minute, 20 failed keys per 10 minutes', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      RATE_LIMIT_PER_MINUTE: 600,
      RATE_LIMIT_IP_PER_MINUTE: 1200,
      RATE_LIMIT_AUTH_FAILURES: 20,
      TRUST_PROXY: 0,
    });
  });

  it('reads TRUST_PROXY as a number of proxies, with true and false as 1 and 0', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(0);
  });

  it('names each bad limit', () => {
    const attempt = () =>
      loadConfig({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_IP_PER_MINUTE: 'lots', TRUST_PROXY: 'yes' });
    expect(attempt).toThrow(ConfigError);
    for (const name of ['RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_IP_PER_MINUTE', 'TRUST_PROXY']) {
      expect(attempt).toThrow(name);
    }
  });

  it('turns config into the limits the server passes to the app, counting in Redis when REDIS_URL is set', async () => {
    const local = createRateLimit(loadConfig({ RATE_LIMIT_PER_MINUTE: '30', TRUST_PROXY: '1' }), silent);
    expect(local.options).toEqual({
      perKey: 30,
      perIp: 1200,
      authFailuresPerIp: 20,
      trustedProxyHops: 1,
      redis: undefined,
    });
    await local.close();

    // Nothing listens on port 1, and nothing needs to: this checks only which store the limits get.
    const shared = createRateLimit(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' }), silent);
    expect(shared.options.redis).toBeInstanceOf(Redis);
    await shared.close();
  });
});

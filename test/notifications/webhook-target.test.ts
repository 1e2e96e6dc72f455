import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlVerdict, vetTarget } from '../../matching/notifications/webhook-target.ts';
import { publicTargetsOnly, webhookTargetPolicy } from '../../matching/notifications/webhook-target-policy.ts';
import { ConfigError, loadConfig } from '../../scripts/config.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** Every spelling of an inward target we know of, with the reason it is refused. */
const forbidden: [url: string, reason: string][] = [
  ['http://169.254.169.254/latest/meta-data/iam/', 'metadata'],
  ['http://[fd00:ec2::254]/latest/', 'metadata'],
  ['http://100.100.100.200/latest/meta-data/', 'metadata'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
  ['http://METADATA.Google.Internal./computeMetadata/v1/', 'metadata'],
  ['http://metadata/computeMetadata/v1/', 'metadata'],
  ['http://[::ffff:169.254.169.254]/', 'metadata'],
  ['http://[2002:a9fe:a9fe::1]/', 'metadata'],
  ['http://127.0.0.1:8080/hook', 'loopback'],
  ['https://user:pw@127.0.0.1/hook', 'loopback'],
  ['http://127.1/', 'loopback'],
  ['http://2130706433/', 'loopback'],
  ['http://0x7f000001/', 'loopback'],
  ['http://0177.0.0.1/', 'loopback'],
  ['http://[::1]/', 'loopback'],
  ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
  ['http://[::ffff:127.0.0.1]/', 'loopback'],
  ['http://[64:ff9b::7f00:1]/', 'loopback'],
  ['http://10.1.2.3/', 'private'],
  ['http://172.16.5.4/', 'private'],
  ['http://192.168.1.1/', 'private'],
  ['http://[::ffff:10.0.0.1]/', 'private'],
  ['http://100.64.0.1/', 'shared_address'],
  ['http://169.254.1.1/', 'link_local'],
  ['http://[fe80::1]/', 'link_local'],
  ['http://[fd12:3456::1]/', 'unique_local'],
  ['http://0.0.0.0/', 'unspecified'],
  ['http://[::]/', 'unspecified'],
  ['http://224.0.0.1/', 'multicast'],
  ['http://[ff02::1]/', 'multicast'],
  ['http://255.255.255.255/', 'reserved'],
  ['http://localhost:3000/hook', 'local_name'],
  ['http://api.localhost/hook', 'local_name'],
];
const allowedPublic = [
  'https://hooks.example.com/ca?token=t1',
  'http://8.8.8.8/hook',
  'https://[2606:4700:4700::1111]/hook',
  'http://[::ffff:8.8.8.8]/hook',
  'http://[64:ff9b::808:808]/hook',
  'http://100.128.0.1/hook',
  'http://172.32.0.1/hook',
];

describe('webhook targets judged from the URL', () => {
  it.each(forbidden)('refuses %s (%s)', (url, reason) => {
    expect(urlVerdict(new URL(url), publicTargetsOnly)).toBe(reason);
  });

  it('accepts public addresses and names', () => {
    for (const url of allowedPublic) expect(urlVerdict(new URL(url), publicTargetsOnly), url).toBeNull();
  });

  it('lets the allow-list open what it names and nothing more; metadata only when named one by one', () => {
    const policy = webhookTargetPolicy(['hooks.corp.example', '10.0.0.0/8', '127.0.0.1', '169.254.0.0/16']);
    const verdict = (url: string) => urlVerdict(new URL(url), policy);
    expect(verdict('http://10.9.8.7/hook')).toBeNull();
    expect(verdict('http://[::ffff:10.9.8.7]/hook')).toBeNull();
    expect(verdict('http://2130706433/hook')).toBeNull();
    expect(verdict('http://127.0.0.2/hook')).toBe('loopback');
    expect(verdict('http://192.168.1.1/hook')).toBe('private');
    expect(verdict('http://169.254.1.1/hook')).toBeNull();
    expect(verdict('http://169.254.169.254/')).toBe('metadata');
    expect(urlVerdict(new URL('http://169.254.169.254/'), webhookTargetPolicy(['169.254.169.254']))).toBeNull();
    expect(verdict('http://metadata.google.internal/')).toBe('metadata');
  });
});

describe('webhook targets at delivery, after resolution', () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name when any of its addresses is inward', async () => {
    const url = new URL('https://hooks.example.com/x');
    expect(await vetTarget(url, publicTargetsOnly, resolveTo('8.8.8.8', '127.0.0.1'))).toEqual({ blocked: 'loopback' });
    expect(await vetTarget(url, publicTargetsOnly, resolveTo('2606:4700::1', 'fd00:ec2::254'))).toEqual({
      blocked: 'metadata',
    });
    expect(await vetTarget(url, publicTargetsOnly, resolveTo('8.8.8.8'))).toEqual({
      addresses: [{ address: '8.8.8.8', family: 4 }],
    });
  });

  it('trusts an allow-listed name whatever it resolves to, and allow-listed addresses behind any name', async () => {
    const policy = webhookTargetPolicy(['hooks.corp.example', '10.0.0.0/8']);
    const inward = resolveTo('192.168.3.4');
    expect(await vetTarget(new URL('http://HOOKS.corp.example./x'), policy, inward)).toMatchObject({
      addresses: [{ address: '192.168.3.4' }],
    });
    expect(await vetTarget(new URL('http://other.example/x'), policy, inward)).toEqual({ blocked: 'private' });
    expect(await vetTarget(new URL('http://other.example/x'), policy, resolveTo('10.1.1.1'))).toMatchObject({
      addresses: [{ address: '10.1.1.1' }],
    });
  });
});

describe('WEBHOOK_ALLOW_HOSTS', () => {
  it('is a checked comma-separated list of hosts, addresses and CIDR ranges', () => {
    expect(loadConfig({}).WEBHOOK_ALLOW_HOSTS).toEqual([]);
    const listed = loadConfig({ WEBHOOK_ALLOW_HOSTS: ' hooks.corp.example, 10.0.0.0/8,,fd00::/8 , 192.168.1.5' });
    expect(listed.WEBHOOK_ALLOW_HOSTS).toEqual(['hooks.corp.example', '10.0.0.0/8', 'fd00::/8', '192.168.1.5']);
    for (const bad of ['10.0.0.0/33', 'hooks corp', 'http://hooks.corp.example', '10.0.0.0/8/1']) {
      expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: bad }), bad).toThrow(/WEBHOOK_ALLOW_HOSTS/);
    }
  });
});

describe('POST /v1/webhooks refuses inward targets', () => {
  let drop: () => Promise<void>;
  const servers: { close(): Promise<void> }[] = [];
  let strict: Call;
  let onPremises: Call;
  let ent: Persona;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    const deps = testDeps(handle.db);
    const strictServer = await startServer(deps);
    const allowServer = await startServer({ ...deps, webhookPolicy: webhookTargetPolicy(['127.0.0.1']) });
    servers.push(strictServer, allowServer);
    strict = strictServer.call;
    onPremises = allowServer.call;
    ent = await makePersona(deps, 'enterprise');
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await drop?.();
  });

  const register = (call: Call, url: string) =>
    call('POST', '/v1/webhooks', { key: ent.key, body: { url, events: ['suggestion.accepted'] } });

  it('answers 400 naming `url` with blocked_target and the reason, for every inward spelling', async () => {
    for (const [url, reason] of forbidden) {
      const answer = await register(strict, url);
      expect(answer.status, url).toBe(400);
      expect(answer.body.code).toBe('validation_failed');
      expect(answer.body.errors, url).toEqual([
        { field: 'url', code: 'blocked_target', message: expect.stringContaining(reason) },
      ]);
    }
    expect((await strict('GET', '/v1/webhooks', { key: ent.key })).body.total).toBe(0);
  });

  it('registers a public target, and an allow-listed one where the deployment allows it', async () => {
    expect((await register(strict, 'http://8.8.8.8/hook')).status).toBe(201);
    expect((await register(strict, 'http://127.0.0.1:9/hook')).status).toBe(400);
    const allowed = await register(onPremises, 'http://127.0.0.1:9/hook');
    expect(allowed.status).toBe(201);
    expect(allowed.body.url).toBe('http://127.0.0.1:9/hook');
    expect((await register(onPremises, 'http://[::1]:9/hook')).body.errors[0]).toMatchObject({ field: 'url' });
  });
});

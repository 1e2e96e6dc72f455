import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona, type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** The same API behaviour, asserted over real HTTP, on each database backend. */
export function apiSuite(backend: Backend, serverUrl?: string) {
  describe(`API on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    const logLines: string[] = [];
    let ent: Persona;
    let rival: Persona;
    let inst: Persona;
    let admin: Persona;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      const pino = (await import('pino')).default;
      const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
      deps = testDeps(handle.db, { logger });
      ({ call, close } = await startServer(deps));
      [ent, rival, inst, admin] = await Promise.all([
        makePersona(deps, 'enterprise', '湖州丝绸印染有限公司'),
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'institution'),
        makePersona(deps, 'admin'),
      ]);
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    it('answers liveness and readiness', async () => {
      expect((await call('GET', '/healthz')).body).toEqual({ status: 'ok' });
      const ready = await call('GET', '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');
      expect(ready.body.migrations.applied).toBe(ready.body.migrations.expected);
    });

    it('lets an enterprise create, read and list its need; a rival enterprise gets 404', async () => {
      const created = await call('POST', '/v1/needs', { key: ent.key, body: sampleNeed() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ title: sampleNeed().title, orgId: ent.orgId, status: 'open' });
      const id = created.body.id;
      expect((await call('GET', `/v1/needs/${id}`, { key: ent.key })).body.id).toBe(id);
      const list = await call('GET', '/v1/needs', { key: ent.key });
      expect(list.body.items.map((n: { id: string }) => n.id)).toContain(id);
      const hidden = await call('GET', `/v1/needs/${id}`, { key: rival.key });
      expect(hidden.status).toBe(404);
      const missing = await call('GET', `/v1/needs/${crypto.randomUUID()}`, { key: rival.key });
      expect(hidden.body.code).toBe(missing.body.code);
      expect(hidden.body.detail).toBe(missing.body.detail);
      expect((await call('GET', '/v1/needs', { key: rival.key })).body.items).toHaveLength(0);
    });

    it('hides confidential needs from institutions and desensitises the rest', async () => {
      const canary = `保密金丝雀${crypto.randomUUID().slice(0, 8)}`;
      const secret = await call('POST', '/v1/needs', {
        key: ent.key,
        body: sampleNeed({ title: canary, confidentiality: 'confidential' }),
      });
      const masked = await call('POST', '/v1/needs', {
        key: ent.key,
        body: sampleNeed({ confidentiality: 'desensitised', privateFields: ['budgetMin', 'budgetMax'] }),
      });
      expect((await call('GET', `/v1/needs/${secret.body.id}`, { key: inst.key })).status).toBe(404);
      const seen = await call('GET', `/v1/needs/${masked.body.id}`, { key: inst.key });
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ orgId: null, createdBy: null, budgetMin: null, budgetMax: null });
      expect(seen.body.redacted).toEqual(expect.arrayContaining(['orgId', 'budgetMin']));
      const browse = await call('GET', '/v1/needs?pageSize=100', { key: inst.key });
      expect(JSON.stringify(browse.body)).not.toContain(canary);
      expect((await call('GET', `/v1/needs/${secret.body.id}`, { key: admin.key })).body.title).toBe(canary);
    });

    it('names every bad field, in Chinese by default and English on request', async () => {
      const bad = { ...sampleNeed({ trlMin: 12, cooperationModes: ['barter'] }), title: undefined, extra: 1 };
      const zh = await call('POST', '/v1/needs', { key: ent.key, body: bad });
      expect(zh.status).toBe(400);
      expect(zh.headers.get('content-type')).toContain('application/problem+json');
      expect(zh.body.code).toBe('validation_failed');
      const fields = zh.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'trlMin', 'cooperationModes.0']));
      expect(zh.body.title).toBe('请求参数有误');
      expect(zh.body.requestId).toBeTruthy();
      const en = await call('POST', '/v1/needs', {
        key: ent.key,
        body: bad,
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      });
      expect(en.body.title).toBe('The request has invalid fields');
      expect(en.body.code).toBe(zh.body.code);
      const inverted = await call('POST', '/v1/needs', { key: ent.key, body: sampleNeed({ trlMin: 8, trlMax: 3 }) });
      expect(inverted.body.errors[0].field).toBe('trlMin');
      const chain = await call('POST', '/v1/needs', { key: ent.key, body: sampleNeed({ chainId: 'steam_engines' }) });
      expect(chain.body.errors[0]).toMatchObject({ field: 'chainId', code: 'unknown_chain' });
    });

    it('maps transport failures to problems, never a 500', async () => {
      const cases = [
        [await call('GET', '/v1/nothing-here', { key: ent.key }), 404, 'route_not_found'],
        [await call('GET', '/v1/needs'), 401, 'unauthorized'],
        [await call('GET', '/v1/needs', { key: 'cak_forged' }), 401, 'unauthorized'],
        [await call('POST', '/v1/needs', { key: inst.key, body: sampleNeed() }), 403, 'forbidden'],
        [await call('GET', '/v1/organisations', { key: ent.key }), 403, 'forbidden'],
        [
          await call('POST', '/v1/needs', {
            key: ent.key,
            rawBody: '{"title":',
            headers: { 'content-type': 'application/json' },
          }),
          400,
          'malformed_json',
        ],
        [
          await call('POST', '/v1/needs', {
            key: ent.key,
            rawBody: 'title=x',
            headers: { 'content-type': 'text/plain' },
          }),
          415,
          'unsupported_media_type',
        ],
        [
          await call('POST', '/v1/needs', { key: ent.key, body: sampleNeed({ description: '长'.repeat(70_000) }) }),
          413,
          'payload_too_large',
        ],
        [await call('GET', '/v1/needs?page=0&pageSize=1000', { key: ent.key }), 400, 'validation_failed'],
        [await call('GET', '/v1/needs/not-a-uuid', { key: ent.key }), 404, 'not_found'],
      ] as const;
      for (const [response, status, code] of cases) {
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
    });

    it('updates and withdraws a need, refusing illegal changes with 409', async () => {
      const { body: need } = await call('POST', '/v1/needs', { key: ent.key, body: sampleNeed() });
      const patched = await call('PATCH', `/v1/needs/${need.id}`, {
        key: ent.key,
        body: { budgetMax: 500, keywords: ['中水回用'] },
      });
      expect(patched.body).toMatchObject({ budgetMax: 500, keywords: ['中水回用'], budgetMin: 100 });
      const inverted = await call('PATCH', `/v1/needs/${need.id}`, { key: ent.key, body: { budgetMin: 900 } });
      expect(inverted.body.errors[0].field).toBe('budgetMin');
      expect((await call('PATCH', `/v1/needs/${need.id}`, { key: rival.key, body: { title: '篡改' } })).status).toBe(
        404,
      );
      expect((await call('POST', `/v1/needs/${need.id}/withdraw`, { key: ent.key })).body.status).toBe('withdrawn');
      expect((await call('POST', `/v1/needs/${need.id}/withdraw`, { key: ent.key })).status).toBe(409);
      const late = await call('PATCH', `/v1/needs/${need.id}`, { key: ent.key, body: { title: '新标题' } });
      expect(late.status).toBe(409);
      expect(late.body.detail).toContain('withdrawn');
    });

    it('paginates and filters lists', async () => {
      const owner = await makePersona(deps, 'enterprise');
      for (const chainId of ['ai', 'ai', 'nev']) {
        await call('POST', '/v1/needs', { key: owner.key, body: sampleNeed({ chainId, title: `需求-${chainId}` }) });
      }
      const first = await call('GET', '/v1/needs?pageSize=2', { key: owner.key });
      expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(first.body.items).toHaveLength(2);
      const second = await call('GET', '/v1/needs?pageSize=2&page=2', { key: owner.key });
      expect(second.body.items).toHaveLength(1);
      const ids = new Set([...first.body.items, ...second.body.items].map((n: { id: string }) => n.id));
      expect(ids.size).toBe(3);
      const ai = await call('GET', '/v1/needs?chain=ai', { key: owner.key });
      expect(ai.body.total).toBe(2);
    });

    it('runs the achievement lifecycle with institution ownership and desensitised views', async () => {
      const created = await call('POST', '/v1/achievements', {
        key: inst.key,
        body: sampleAchievement({ confidentiality: 'desensitised' }),
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const asEnterprise = await call('GET', `/v1/achievements/${id}`, { key: ent.key });
      expect(asEnterprise.body).toMatchObject({ orgId: null, patents: [], team: null });
      const peer = await makePersona(deps, 'institution');
      expect((await call('GET', `/v1/achievements/${id}`, { key: peer.key })).status).toBe(404);
      expect((await call('POST', '/v1/achievements', { key: ent.key, body: sampleAchievement() })).status).toBe(403);
      const patched = await call('PATCH', `/v1/achievements/${id}`, { key: inst.key, body: { trl: 8 } });
      expect(patched.body.trl).toBe(8);
      expect((await call('POST', `/v1/achievements/${id}/withdraw`, { key: inst.key })).body.status).toBe('withdrawn');
      expect((await call('GET', `/v1/achievements/${id}`, { key: ent.key })).status).toBe(404);
      const own = await call('GET', '/v1/achievements', { key: inst.key });
      expect(own.body.items.map((a: { id: string }) => a.id)).toContain(id);
    });

    it('lets admins create organisations, users and keys, and revoke keys', async () => {
      const org = await call('POST', '/v1/organisations', {
        key: admin.key,
        body: { name: '德清地信科技有限公司', kind: 'enterprise', district: '德清县' },
      });
      expect(org.status).toBe(201);
      const wrongRole = await call('POST', '/v1/users', {
        key: admin.key,
        body: { orgId: org.body.id, name: '王五', role: 'institution' },
      });
      expect(wrongRole.body.errors[0]).toMatchObject({ field: 'role', code: 'role_org_mismatch' });
      const user = await call('POST', '/v1/users', {
        key: admin.key,
        body: { orgId: org.body.id, name: '王五', role: 'enterprise', email: `w${Date.now()}@example.cn` },
      });
      expect(user.status).toBe(201);
      const key = await call('POST', `/v1/users/${user.body.id}/keys`, { key: admin.key, body: { name: '对接系统' } });
      expect(key.status).toBe(201);
      expect(key.body.key).toMatch(/^cak_/);
      const me = await call('GET', '/v1/me', { key: key.body.key });
      expect(me.body).toEqual({ userId: user.body.id, orgId: org.body.id, role: 'enterprise' });
      const orgs = await call('GET', '/v1/organisations?kind=enterprise&pageSize=100', { key: admin.key });
      expect(orgs.body.items.map((o: { id: string }) => o.id)).toContain(org.body.id);
      expect((await call('POST', `/v1/keys/${key.body.id}/revoke`, { key: admin.key })).status).toBe(200);
      expect((await call('GET', '/v1/me', { key: key.body.key })).status).toBe(401);
      const manager = await call('POST', '/v1/users', {
        key: admin.key,
        body: {
          orgId: admin.orgId,
          name: '技术经理人甲',
          role: 'manager',
          manager: { chains: ['ai', 'nev'], capacity: 15, isChief: true },
        },
      });
      expect(manager.body.manager).toMatchObject({ chains: ['ai', 'nev'], capacity: 15, isChief: true, active: true });
    });

    it('publishes OpenAPI 3.1 and a self-contained docs page', async () => {
      const spec = await call('GET', '/openapi.json');
      expect(spec.body.openapi).toBe('3.1.0');
      expect(Object.keys(spec.body.paths)).toEqual(
        expect.arrayContaining(['/v1/needs', '/v1/needs/{id}', '/v1/achievements']),
      );
      const docs = await call('GET', '/docs');
      expect(docs.status).toBe(200);
      expect(docs.body).toContain('/v1/needs/{id}/withdraw');
      expect(docs.body).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    });

    it('never writes keys or confidential text to the logs', async () => {
      const canary = `日志金丝雀${crypto.randomUUID().slice(0, 8)}`;
      await call('POST', '/v1/needs', {
        key: ent.key,
        body: sampleNeed({ description: `${canary}，保密工艺参数`, confidentiality: 'confidential' }),
      });
      await call('GET', '/v1/me', { key: `${ent.key}x` });
      const logs = logLines.join('\n');
      expect(logs).toContain('"path":"/v1/needs"');
      expect(logs).not.toContain(canary);
      expect(logs).not.toContain(ent.key);
      expect(logs).not.toContain('cak_');
    });
  });
}

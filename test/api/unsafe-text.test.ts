import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { checkService } from '../support/services.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/**
 * NUL and lone surrogates anywhere in a request answer 400 naming the field, never a 500 from PostgreSQL
 * (text cannot hold U+0000) and never a silent U+FFFD in the stored record (the driver's answer to a lone
 * surrogate). On both backends, because the 500 came from the server's own text type.
 */
const postgres = await checkService('TEST_DATABASE_URL');
const backends: Backend[] = postgres.available ? ['pglite', 'postgres'] : ['pglite'];

const description = '现有铝制液冷板重量偏大，希望在保证换热性能的前提下减重20%以上';
const json = { 'content-type': 'application/json' };

for (const backend of backends) {
  describe(`unsafe text in requests on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let ent: Persona;
    let inst: Persona;
    let needId: string;

    beforeAll(async () => {
      const handle = await openTestDb(backend, postgres.url);
      drop = handle.drop;
      const deps: Deps = testDeps(handle.db);
      ({ call, close } = await startServer(deps));
      [ent, inst] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'institution')]);
      const created = await call('POST', '/v1/needs', { key: ent.key, body: { title: '液冷板轻量化', description } });
      expect(created.status).toBe(201);
      needId = created.body.id;
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    const expectUnsafe = (res: { status: number; headers: Headers; body: any }, fields: string[]) => {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
      for (const error of res.body.errors) expect(error.code).toBe('unsafe_text');
    };
    const titles = async () =>
      (await call('GET', '/v1/needs?pageSize=100', { key: ent.key })).body.items.map((n: { title: string }) => n.title);

    it('POST /v1/needs: NUL in the title, or in one keyword, names that field and stores nothing', async () => {
      expectUnsafe(await call('POST', '/v1/needs', { key: ent.key, body: { title: '液冷\u0000板', description } }), [
        'title',
      ]);
      const keywords = ['液冷', '轻量化', 'bad\u0000word'];
      expectUnsafe(
        await call('POST', '/v1/needs', { key: ent.key, body: { title: '液冷板二', description, keywords } }),
        ['keywords.2'],
      );
      expect(await titles()).toEqual(['液冷板轻量化']);
    });

    it('lone surrogates written as JSON escapes are refused; a real pair (an emoji) is fine', async () => {
      const raw = (title: string) => `{"title":"${title}","description":"${description}"}`;
      for (const lone of ['\\ud800', 'x\\udfffy', '\\ude00\\ud83d']) {
        const body = raw(`液冷板${lone}轻量化`);
        expectUnsafe(await call('POST', '/v1/needs', { key: ent.key, rawBody: body, headers: json }), ['title']);
      }
      const ok = await call('POST', '/v1/needs', {
        key: ent.key,
        rawBody: raw('液冷板电池\\ud83d\\ude00'),
        headers: json,
      });
      expect(ok.status).toBe(201);
      expect(ok.body.title).toBe('液冷板电池😀');
    });

    it('keys count too, and nested values are named by their dotted path', async () => {
      const body = {
        title: '高导热铝合金压铸件',
        abstract: `${description}，并已完成中试验证。`,
        team: { lead: '陈\u0000教授', members: ['王工', '\ud800'] },
        'ex\u0000tra': 1,
      };
      const res = await call('POST', '/v1/achievements', { key: inst.key, body });
      expectUnsafe(res, ['team.lead', 'team.members.1', 'ex\ufffdtra']);
    });

    it('GET /v1/needs?q= with NUL names the query parameter', async () => {
      expectUnsafe(await call('GET', '/v1/needs?q=%E6%B6%B2%00CANARY', { key: ent.key }), ['q']);
      expectUnsafe(await call('GET', '/v1/needs?status=open&q=a&q=%00', { key: ent.key }), ['q']);
    });

    it('PATCH /v1/needs/{id} with NUL in the description names it and leaves the need as it was', async () => {
      const res = await call('PATCH', `/v1/needs/${needId}`, {
        key: ent.key,
        body: { description: `${description}\u0000` },
      });
      expectUnsafe(res, ['description']);
      const need = await call('GET', `/v1/needs/${needId}`, { key: ent.key });
      expect(need.body.description).toBe(description);
    });

    it('a NUL in a path parameter names the parameter', async () => {
      expectUnsafe(await call('GET', `/v1/needs/${needId}%00`, { key: ent.key }), ['id']);
      expectUnsafe(await call('PATCH', '/v1/needs/%00', { key: ent.key, body: { title: '新标题' } }), ['id']);
    });

    it('still answers malformed_json for JSON that does not parse (a raw NUL byte inside a string)', async () => {
      const res = await call('POST', '/v1/needs', { key: ent.key, rawBody: '{"title":"a\u0000b"}', headers: json });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('malformed_json');
    });
  });
}

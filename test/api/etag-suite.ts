import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { makePersona, type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

type Kind = { path: string; role: 'enterprise' | 'institution'; sample: () => Record<string, unknown> };
const kinds: Record<string, Kind> = {
  need: { path: '/v1/needs', role: 'enterprise', sample: () => sampleNeed() },
  achievement: { path: '/v1/achievements', role: 'institution', sample: () => sampleAchievement() },
};

/** ETag on reads and writes, If-Match on PATCH, over real HTTP, on each database backend. */
export function etagSuite(backend: Backend, serverUrl?: string) {
  describe(`ETag and If-Match on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    const owners: Record<string, Persona> = {};

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      // A stopped clock: every update lands in the same millisecond, which must still change the ETag.
      const frozen = new Date('2026-11-22T08:00:00.000Z');
      deps = testDeps(handle.db, { clock: { now: () => frozen } });
      ({ call, close } = await startServer(deps));
      owners.need = await makePersona(deps, 'enterprise');
      owners.achievement = await makePersona(deps, 'institution');
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    for (const [name, kind] of Object.entries(kinds)) {
      const owner = () => {
        const persona = owners[name];
        if (!persona) throw new Error(`no owner for ${name}`);
        return persona;
      };
      const create = async () => {
        const created = await call('POST', kind.path, { key: owner().key, body: kind.sample() });
        expect(created.status).toBe(201);
        return created.body.id as string;
      };
      const patch = (id: string, title: string, ifMatch?: string) =>
        call('PATCH', `${kind.path}/${id}`, {
          key: owner().key,
          body: { title },
          headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
        });
      const read = (id: string) => call('GET', `${kind.path}/${id}`, { key: owner().key });

      it(`${name}: GET and PATCH carry a strong ETag that changes on every update`, async () => {
        const id = await create();
        const seen = new Set<string>();
        let tag = (await read(id)).headers.get('etag');
        expect(tag).toMatch(/^"[\x21\x23-\x7e]+"$/);
        for (let i = 0; i < 4; i++) {
          if (!tag) throw new Error('no etag');
          seen.add(tag);
          const patched = await patch(id, `第${i}次修改的标题`, tag);
          expect(patched.status).toBe(200);
          const next = patched.headers.get('etag');
          expect(next).toMatch(/^"[\x21\x23-\x7e]+"$/);
          expect(seen.has(next ?? '')).toBe(false);
          expect((await read(id)).headers.get('etag')).toBe(next);
          tag = next;
        }
        expect(seen.size).toBe(4);
      });

      it(`${name}: a stale If-Match gets 412 problem+json and changes nothing`, async () => {
        const id = await create();
        const stale = (await read(id)).headers.get('etag') ?? '';
        expect((await patch(id, '第一次修改', stale)).status).toBe(200);
        const before = await read(id);
        const refused = await patch(id, '基于旧版本的修改', stale);
        expect(refused.status).toBe(412);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.body).toMatchObject({ code: 'precondition_failed', status: 412 });
        const after = await read(id);
        expect(after.body).toEqual(before.body);
        expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
        expect(after.body.title).toBe('第一次修改');
      });

      it(`${name}: of concurrent PATCHes with the same If-Match exactly one wins, the rest get 412`, async () => {
        const id = await create();
        const tag = (await read(id)).headers.get('etag') ?? '';
        const titles = Array.from({ length: 5 }, (_, i) => `并发修改${i}`);
        const answers = await Promise.all(titles.map((title) => patch(id, title, tag)));
        const statuses = answers.map((a) => a.status).sort();
        expect(statuses).toEqual([200, 412, 412, 412, 412]);
        const winner = answers.find((a) => a.status === 200);
        const final = await read(id);
        expect(final.body.title).toBe(winner?.body.title);
        expect(final.headers.get('etag')).toBe(winner?.headers.get('etag'));
      });

      it(`${name}: PATCH without If-Match, or with If-Match: *, still applies`, async () => {
        const id = await create();
        const before = (await read(id)).headers.get('etag');
        const unconditional = await patch(id, '无条件修改');
        expect(unconditional.status).toBe(200);
        const wildcard = await patch(id, '通配修改', '*');
        expect(wildcard.status).toBe(200);
        expect((await read(id)).body.title).toBe('通配修改');
        const tags = [before, unconditional.headers.get('etag'), wildcard.headers.get('etag')];
        expect(tags.every((tag) => tag !== null)).toBe(true);
        expect(new Set(tags).size).toBe(3);
      });

      it(`${name}: withdrawing moves the ETag on too`, async () => {
        const id = await create();
        const before = (await read(id)).headers.get('etag');
        const withdrawn = await call('POST', `${kind.path}/${id}/withdraw`, { key: owner().key });
        expect(withdrawn.status).toBe(200);
        const after = (await read(id)).headers.get('etag');
        expect(after).toMatch(/^"[\x21\x23-\x7e]+"$/);
        expect(after).not.toBe(before);
        const late = await patch(id, '撤回后的修改', before ?? '');
        expect(late.status).toBe(412);
      });

      it(`${name}: a list of tags matches any one; weak tags never match; bad syntax is a 400`, async () => {
        const id = await create();
        const tag = (await read(id)).headers.get('etag') ?? '';
        expect((await patch(id, '弱标签', `W/${tag}`)).status).toBe(412);
        expect((await patch(id, '列表', `"nope", ${tag}`)).status).toBe(200);
        const bad = await patch(id, '坏语法', 'no-quotes');
        expect(bad.status).toBe(400);
        expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      });
    }

    it('declares ETag, If-Match and 412 in the OpenAPI document', async () => {
      const doc = (await call('GET', '/openapi.json')).body;
      for (const path of ['/v1/needs/{id}', '/v1/achievements/{id}']) {
        const update = doc.paths[path].patch;
        expect(update.parameters).toEqual(
          expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]),
        );
        expect(Object.keys(update.responses)).toContain('412');
        expect(Object.keys(update.responses['200'].headers ?? {})).toContain('ETag');
        expect(Object.keys(doc.paths[path].get.responses['200'].headers ?? {})).toContain('ETag');
      }
    });
  });
}

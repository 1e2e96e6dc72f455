import { count } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tokensSpentToday } from '../../matching/assist/token-budget.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeedInput } from '../../matching/needs/need-input.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { expectConforms } from '../api/queue-helpers.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type FakeLlmServer, startFakeLlmServer } from '../support/fake-llm-server.ts';
import { type Call, startServer } from '../support/http.ts';
import { insertNeed } from '../support/pipeline-factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { dataSection, fakeLlm, promptOf } from './assist-context.ts';
import { injectedAnswer, injectionCorpus } from './injection-corpus.ts';

const PATH = '/v1/assist/need-intake';
const TEXT =
  '我司生产新能源汽车动力电池包，现有铝制液冷板重4.2kg，希望在换热性能不降的前提下减重30%，并通过IP67防护测试。' +
  '预算50-200万元，2027年6月前完成，倾向联合开发。';

const goodAnswer = JSON.stringify({
  title: '动力电池包液冷板轻量化',
  description: '现有铝制液冷板重4.2kg，希望换热不降的前提下减重30%，并通过IP67防护测试。',
  chainId: 'nev',
  keywords: ['液冷板', '轻量化', '动力电池'],
  trlMin: 5,
  trlMax: null,
  budgetMin: 50,
  budgetMax: 200,
  deadline: '2027-06-30',
  cooperationModes: ['joint_development'],
  constraints: ['减重30%', '通过IP67'],
  suggestedConfidentiality: 'public',
  confidentialityReason: null,
  questions: [],
});

/** POST /v1/assist/need-intake over real HTTP, with no model and with the real openai client against a fake. */
export function needIntakeSuite(backend: Backend, serverUrl?: string) {
  describe(`need intake on ${backend}`, () => {
    let drop: () => Promise<void>;
    let llm: FakeLlmServer;
    let deps: Deps;
    let offline: { call: Call; close(): Promise<void> };
    let online: { call: Call; close(): Promise<void> };
    let ent: Persona;
    let rival: Persona;
    let inst: Persona;
    const withDeps: { close(): Promise<void> }[] = [];

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      llm = await startFakeLlmServer();
      deps = testDeps(handle.db, { clock: { now: () => new Date('2026-12-01T08:00:00Z') } });
      offline = await startServer(deps);
      online = await startServer({ ...deps, llm: fakeLlm(llm) });
      [ent, rival, inst] = await Promise.all([
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'enterprise', '竞争对手新材料有限公司'),
        makePersona(deps, 'institution'),
      ]);
      await insertNeed(deps, rival.orgId, { title: '竞争对手的保密电解液配方改进' });
    });
    afterEach(() => {
      expect(llm.violations).toEqual([]);
      llm.reset();
    });
    afterAll(async () => {
      for (const s of withDeps) await s.close();
      await offline?.close();
      await online?.close();
      await llm?.close();
      await drop?.();
    });

    const tableCounts = async () => {
      const [n] = await deps.db.select({ n: count() }).from(needs);
      const [s] = await deps.db.select({ n: count() }).from(suggestions);
      return { needs: n?.n, suggestions: s?.n };
    };
    const serverWith = async (overrides: Parameters<typeof fakeLlm>[1]) => {
      const started = await startServer({ ...deps, llm: fakeLlm(llm, overrides) });
      withDeps.push(started);
      return started.call;
    };

    it('without a provider answers an offline draft with title, description and keywords, and stores nothing', async () => {
      const before = await tableCounts();
      const res = await offline.call('POST', PATH, { key: ent.key, body: { text: TEXT } });
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('offline');
      expect(res.body.reason).toBe('not_configured');
      await expectConforms(offline.call, `POST ${PATH}`, res);
      const { draft } = res.body;
      expect(draft.title).toBe('生产新能源汽车动力电池包');
      expect(draft.description).toBe(TEXT);
      expect(draft.keywords).toEqual(expect.arrayContaining(['液冷', '动力电池', 'ip67']));
      expect(draft).toMatchObject({
        budgetMin: 50,
        budgetMax: 200,
        deadline: '2027-06-30',
        cooperationModes: ['joint_development'],
      });
      expect(res.body.constraints.some((c: string) => c.includes('ip67'))).toBe(true);
      expect(res.body.complete).toBe(true);
      expect(createNeedInput.safeParse(draft).success).toBe(true);
      expect(await tableCounts()).toEqual(before);
    });

    it('offline: asks back for what is missing, and refuses other roles and bad input by field', async () => {
      const res = await offline.call('POST', PATH, { key: ent.key, body: { text: '想找个技术' } });
      expect(res.status).toBe(200);
      const fields = res.body.questions.map((q: { field: string }) => q.field);
      expect(fields).toEqual(expect.arrayContaining(['description', 'chainId', 'budgetMax', 'deadline']));
      expect(res.body.complete).toBe(false);
      expect((await offline.call('POST', PATH, { key: inst.key, body: { text: TEXT } })).status).toBe(403);
      const bad = await offline.call('POST', PATH, { key: ent.key, body: { text: 1 } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['text']);
      expect((await offline.call('POST', PATH, { key: ent.key, body: { text: TEXT, extra: 1 } })).status).toBe(400);
    });

    it('with a provider: structured outputs under the draft schema, text only in the data section, tokens counted', async () => {
      llm.respond = () => goodAnswer;
      const spent = await tokensSpentToday(deps, ent.orgId);
      const res = await online.call('POST', PATH, { key: ent.key, body: { text: TEXT } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'llm', model: 'qwen-plus', complete: true, dropped: [] });
      await expectConforms(online.call, `POST ${PATH}`, res);
      expect(res.body.draft).toMatchObject({ title: '动力电池包液冷板轻量化', chainId: 'nev', budgetMax: 200 });
      expect(createNeedInput.safeParse(res.body.draft).success).toBe(true);
      const [request] = llm.requests;
      expect(request?.authorization).toBe(`Bearer ${llm.apiKey}`);
      expect(request?.body.model).toBe('qwen-plus');
      expect(request?.body.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: 'need_draft', strict: true },
      });
      const { system, user } = promptOf(request?.body ?? { messages: [] });
      expect(dataSection(system, user)).toContain(TEXT);
      expect(system).not.toContain(TEXT);
      expect(user).not.toContain('竞争对手');
      expect(await tokensSpentToday(deps, ent.orgId)).toBeGreaterThan(spent);
    });

    it('drops what the model invents: unknown chains and modes, unstated budgets, fields POST /v1/needs lacks', async () => {
      llm.respond = () =>
        JSON.stringify({
          ...JSON.parse(goodAnswer),
          chainId: 'quantum_widgets',
          budgetMin: null,
          budgetMax: 999,
          deadline: null,
          cooperationModes: ['transfer', 'bribery'],
          trlMin: 8,
          trlMax: 3,
        });
      const res = await online.call('POST', PATH, {
        key: ent.key,
        body: { text: '我司需要动力电池液冷板轻量化技术，要求减重30%。' },
      });
      expect(res.body.source).toBe('llm');
      const dropped = res.body.dropped.map((d: { field: string; reason: string }) => `${d.field}:${d.reason}`);
      expect(dropped).toEqual(
        expect.arrayContaining([
          'budgetMax:not_stated',
          'chainId:unknown_chain',
          'trlMin:range_order',
          'trlMax:range_order',
        ]),
      );
      expect(res.body.draft.cooperationModes).toEqual(['transfer']);
      expect(res.body.draft).not.toHaveProperty('chainId');
      expect(createNeedInput.safeParse(res.body.draft).success).toBe(true);
    });

    it('429 then success: the client retries and the answer is the model’s', async () => {
      llm.respond = () => goodAnswer;
      llm.script({ status: 429, retryAfter: '0' });
      const res = await online.call('POST', PATH, { key: ent.key, body: { text: TEXT } });
      expect(res.body.source).toBe('llm');
      expect(llm.requests.map((r) => r.retryCount)).toEqual(['0', '1']);
    });

    for (const [name, script, reason] of [
      ['broken JSON', [{ content: '{"title": "液冷板", "description": ' }], 'broken_json'],
      ['truncated JSON', [{ truncated: true }], 'truncated'],
      ['5xx after the retries', [{ status: 500 }, { status: 503 }], 'provider_error'],
      [
        '429 after the retries',
        [
          { status: 429, retryAfter: '0' },
          { status: 429, retryAfter: '0' },
        ],
        'rate_limited',
      ],
      ['a timeout on every attempt', [{ delayMs: 1_500 }, { delayMs: 1_500 }], 'timeout'],
      ['an answer that is not a draft', [{ content: '["not", "an", "object"]' }], 'invalid_output'],
    ] as const) {
      it(`falls back to the offline draft on ${name}, saying so`, async () => {
        llm.respond = () => goodAnswer;
        llm.script(...script);
        const before = await tableCounts();
        const res = await online.call('POST', PATH, { key: ent.key, body: { text: TEXT } });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', reason });
        expect(res.body.draft.title).toBe('生产新能源汽车动力电池包');
        expect(createNeedInput.safeParse(res.body.draft).success).toBe(true);
        expect(await tableCounts()).toEqual(before);
      });
    }

    it('confidential text never reaches the model unless LLM_ALLOW_CONFIDENTIAL', async () => {
      llm.respond = () => goodAnswer;
      const secret = `${TEXT}涉及我司核心配方与工艺参数，需签保密协议。`;
      const res = await online.call('POST', PATH, { key: ent.key, body: { text: secret } });
      expect(res.body).toMatchObject({ source: 'offline', reason: 'confidential' });
      expect(res.body.suggestedConfidentiality.level).toBe('confidential');
      expect(res.body.draft.confidentiality).toBe('confidential');
      const told = await online.call('POST', PATH, {
        key: ent.key,
        body: { text: TEXT, confidentiality: 'confidential' },
      });
      expect(told.body).toMatchObject({ source: 'offline', reason: 'confidential' });
      expect(llm.requests).toHaveLength(0);
      const allowed = await serverWith({ allowConfidential: true });
      const sent = await allowed('POST', PATH, { key: ent.key, body: { text: secret } });
      expect(sent.body.source).toBe('llm');
      expect(sent.body.draft.confidentiality).toBe('confidential');
      expect(llm.requests).toHaveLength(1);
    });

    it('past the organisation’s daily tokens answers offline without calling the model; other organisations unaffected', async () => {
      llm.respond = () => goodAnswer;
      const capped = await serverWith({ dailyTokensPerOrg: (await tokensSpentToday(deps, ent.orgId)) + 100 });
      const res = await capped('POST', PATH, { key: ent.key, body: { text: TEXT } });
      expect(res.body).toMatchObject({ source: 'offline', reason: 'budget_exhausted' });
      expect(llm.requests).toHaveLength(0);
      const other = await makePersona(deps, 'enterprise');
      const generous = await serverWith({ dailyTokensPerOrg: 5_000 });
      expect((await generous('POST', PATH, { key: other.key, body: { text: TEXT } })).body.source).toBe('llm');
    });

    for (const injection of injectionCorpus) {
      it(`an injection in the text (${injection.name}) changes no schema, no other organisation's data, nothing stored`, async () => {
        llm.respond = () => injectedAnswer(rival.orgId);
        const before = await tableCounts();
        const text = `我司需要印染废水深度处理技术，COD要求低于50mg/L。${injection.text}`;
        const res = await online.call('POST', PATH, { key: ent.key, body: { text } });
        expect(res.status).toBe(200);
        const body = JSON.stringify(res.body);
        expect(body).not.toContain(rival.orgId);
        expect(body).not.toContain('竞争对手');
        expect(body).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff]|[\u{e0000}-\u{e007f}]/u);
        const { draft } = res.body;
        expect(Object.keys(draft).every((k) => k in createNeedInput.shape)).toBe(true);
        for (const [field, value] of Object.entries(draft)) {
          const shape = createNeedInput.shape[field as keyof typeof createNeedInput.shape];
          expect(shape.safeParse(value).success, field).toBe(true);
        }
        expect(createNeedInput.safeParse(draft).success).toBe(true);
        expect(draft).not.toHaveProperty('chainId', 'admin');
        // A budget the text itself states is the enterprise's own to confirm; an invented one never survives.
        if (!text.includes('9999')) expect(draft.budgetMax).toBeUndefined();
        const { system, user } = promptOf(llm.requests[0]?.body ?? { messages: [] });
        const data = dataSection(system, user);
        expect(data).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff]|[\u{e0000}-\u{e007f}]/u);
        expect(data).not.toContain('<<<');
        expect(await tableCounts()).toEqual(before);
      });
    }
  });
}

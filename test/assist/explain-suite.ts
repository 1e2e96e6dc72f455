import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tokensSpentToday } from '../../matching/assist/token-budget.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { type Explanation, SHARED_TERM_SOURCES } from '../../matching/ranking/explanation.ts';
import { assistExplanations } from '../../schema/assist.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { expectConforms } from '../api/queue-helpers.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type ChatRequestBody, type FakeLlmServer, startFakeLlmServer } from '../support/fake-llm-server.ts';
import { type Call, startServer } from '../support/http.ts';
import { insertNeed, makeChain, makeManager, makePair } from '../support/pipeline-factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { dataSection, fakeLlm, promptOf } from './assist-context.ts';
import { injectionCorpus } from './injection-corpus.ts';

const explanation: Explanation = {
  summary: '双方都涉及「印染废水」「纳滤」；主要得分：文本相关度 0.80（权重 0.50）。',
  sharedTerms: ['印染废水', '纳滤'],
  parts: [{ feature: 'lexical', value: 0.8, weight: 0.5, contribution: 0.4 }],
  sentences: [{ text: '双方都涉及「印染废水」「纳滤」', uses: [...SHARED_TERM_SOURCES] }],
};

/** An answer that cites only what both records say (sampleNeed / sampleAchievement in test/support/factories.ts). */
const faithful = {
  explanation:
    '成果采用「臭氧催化氧化」耦合「纳滤」，COD去除率达85%，出水回用率超过65%，可满足需求中回用率60%以上的要求。',
  citedTerms: ['臭氧催化氧化', '纳滤', '85%'],
  toEnterprise: '您好！我们为贵方的「印染废水」回用需求找到一项「纳滤」相关成果，出水回用率超过65%，欢迎进一步沟通。',
  toInstitution: '您好！一家企业正在寻求「印染废水」深度处理技术，希望回用率达到60%以上，与贵方成果相关，欢迎沟通。',
};

/** POST /v1/suggestions/{id}/assist/explain over real HTTP, offline and through the real openai client. */
export function explainSuite(backend: Backend, serverUrl?: string) {
  describe(`pair explanation and outreach drafts on ${backend}`, () => {
    let drop: () => Promise<void>;
    let llm: FakeLlmServer;
    let deps: Deps;
    let offline: { call: Call; close(): Promise<void> };
    let online: { call: Call; close(): Promise<void> };
    let ent: Persona;
    let inst: Persona;
    let admin: Persona;
    let manager: Persona;
    let otherManager: Persona;
    let chief: Persona;
    let chain: string;
    let rivalTitle: string;

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      llm = await startFakeLlmServer();
      deps = testDeps(handle.db);
      offline = await startServer(deps);
      online = await startServer({ ...deps, llm: fakeLlm(llm) });
      chain = await makeChain(deps);
      [ent, inst, admin] = await Promise.all([
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'institution'),
        makePersona(deps, 'admin'),
      ]);
      manager = await makeManager(deps, { chains: [chain] });
      otherManager = await makeManager(deps, { chains: [chain] });
      chief = await makeManager(deps, { chains: [chain], isChief: true });
      const rival = await makePersona(deps, 'enterprise');
      rivalTitle = '竞争对手机密电镀废液回收工艺';
      await insertNeed(deps, rival.orgId, { title: rivalTitle, chainId: chain });
    });
    afterEach(() => {
      expect(llm.violations).toEqual([]);
      llm.reset();
    });
    afterAll(async () => {
      await offline?.close();
      await online?.close();
      await llm?.close();
      await drop?.();
    });

    const routedPair = async (options: Parameters<typeof makePair>[2] = {}) => {
      const pair = await makePair(
        deps,
        { entOrgId: ent.orgId, instOrgId: inst.orgId, chain },
        { explanation, ...options },
      );
      await deps.db
        .update(suggestions)
        .set({ managerId: manager.userId, stage: 'claimed' })
        .where(eq(suggestions.id, pair.suggestion.id));
      return pair;
    };
    const path = (id: string) => `/v1/suggestions/${id}/assist/explain`;
    const rowOf = async (id: string) => (await deps.db.select().from(suggestions).where(eq(suggestions.id, id)))[0];

    it('without a provider: the ranker’s explanation and a message to each party, saying it is offline', async () => {
      const { need, achievement, suggestion } = await routedPair();
      const res = await offline.call('POST', path(suggestion.id), { key: manager.key });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'offline', reason: 'not_configured', cached: false });
      await expectConforms(offline.call, 'POST /v1/suggestions/{id}/assist/explain', res);
      expect(res.body.explanation).toContain(need.title);
      expect(res.body.explanation).toContain(achievement.title);
      expect(res.body.explanation).toContain('「印染废水」');
      expect(res.body.citedTerms).toEqual(['印染废水', '纳滤']);
      expect(res.body.messages.toEnterprise).toContain(achievement.title);
      expect(res.body.messages.toInstitution).toContain(need.title);
      // The parties' copies carry the sentences, never the score line.
      expect(res.body.messages.toEnterprise).not.toContain('主要得分');
    });

    it('only the assigned manager and admins may ask; others are refused or see no such pair', async () => {
      const { suggestion } = await routedPair();
      expect((await offline.call('POST', path(suggestion.id), { key: admin.key })).status).toBe(200);
      expect((await offline.call('POST', path(suggestion.id), { key: ent.key })).status).toBe(403);
      expect((await offline.call('POST', path(suggestion.id), { key: otherManager.key })).status).toBe(404);
      const browsing = await offline.call('POST', path(suggestion.id), { key: chief.key });
      expect(browsing.status).toBe(403);
      expect(browsing.body.detail).toBeTruthy();
      expect((await offline.call('POST', path('not-a-uuid'), { key: manager.key })).status).toBe(404);
    });

    it('with a provider: a faithful answer is used, cached per pair and model, and tokens are counted', async () => {
      const { need, achievement, suggestion } = await routedPair();
      llm.respond = () => JSON.stringify(faithful);
      const spent = await tokensSpentToday(deps, manager.orgId);
      const res = await online.call('POST', path(suggestion.id), { key: manager.key });
      expect(res.body).toMatchObject({ source: 'llm', model: 'qwen-plus', cached: false });
      await expectConforms(online.call, 'POST /v1/suggestions/{id}/assist/explain', res);
      expect(res.body.explanation).toBe(faithful.explanation);
      expect(res.body.messages.toEnterprise).toBe(faithful.toEnterprise);
      const [request] = llm.requests;
      expect(request?.body.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: 'pair_assist', strict: true },
      });
      const { system, user } = promptOf(request?.body ?? { messages: [] });
      const data = dataSection(system, user);
      expect(data).toContain(need.description);
      expect(data).toContain(achievement.abstract);
      expect(data).not.toContain(rivalTitle);
      expect(data).not.toContain(ent.orgId);
      expect(await tokensSpentToday(deps, manager.orgId)).toBeGreaterThan(spent);
      const again = await online.call('POST', path(suggestion.id), { key: manager.key });
      expect(again.body).toMatchObject({ source: 'llm', cached: true, explanation: faithful.explanation });
      expect(llm.requests).toHaveLength(1);
      await deps.db
        .update(needs)
        .set({ updatedAt: new Date(Date.now() + 1000) })
        .where(eq(needs.id, need.id));
      const edited = await online.call('POST', path(suggestion.id), { key: manager.key });
      expect(edited.body.cached).toBe(false);
      expect(llm.requests).toHaveLength(2);
      const cachedRows = await deps.db
        .select()
        .from(assistExplanations)
        .where(eq(assistExplanations.suggestionId, suggestion.id));
      expect(cachedRows).toHaveLength(1);
    });

    for (const [name, answer] of [
      ['a figure neither record states', { ...faithful, explanation: `${faithful.explanation}COD去除率可达99%。` }],
      ['a term neither record contains', { ...faithful, citedTerms: [...faithful.citedTerms, '石墨烯'] }],
      [
        'a quoted term from elsewhere',
        { ...faithful, toInstitution: `${faithful.toInstitution}参见「${'电镀废液'}」。` },
      ],
      ['a latin token from elsewhere', { ...faithful, explanation: `${faithful.explanation}符合ISO14001。` }],
    ] as const) {
      it(`rejects a draft citing ${name} and answers offline`, async () => {
        const { suggestion } = await routedPair();
        llm.respond = () => JSON.stringify(answer);
        const res = await online.call('POST', path(suggestion.id), { key: manager.key });
        expect(res.body).toMatchObject({ source: 'offline', reason: 'uncited_content', cached: false });
        expect(res.body.explanation).toContain('「印染废水」');
        const cachedRows = await deps.db
          .select()
          .from(assistExplanations)
          .where(eq(assistExplanations.suggestionId, suggestion.id));
        expect(cachedRows).toHaveLength(0);
      });
    }

    it('a message may not tell a party what it may not see of the other side (desensitised team)', async () => {
      const { suggestion } = await routedPair({ achievement: { confidentiality: 'desensitised' } });
      llm.respond = () =>
        JSON.stringify({ ...faithful, toEnterprise: `${faithful.toEnterprise}成果由「王教授」团队完成。` });
      const res = await online.call('POST', path(suggestion.id), { key: manager.key });
      expect(res.body).toMatchObject({ source: 'offline', reason: 'uncited_content' });
      const { system, user } = promptOf(llm.requests[0]?.body ?? { messages: [] });
      // Desensitised: the model itself never saw the team either.
      expect(dataSection(system, user)).not.toContain('王教授');
      expect(res.body.messages.toEnterprise).not.toContain('王教授');
    });

    it('confidential records stay offline unless LLM_ALLOW_CONFIDENTIAL; the offline message hides the title', async () => {
      const { achievement, suggestion } = await routedPair({ achievement: { confidentiality: 'confidential' } });
      // The enterprise may see nothing of a confidential achievement, so its message cites its own need only.
      const toEnterprise = '您好！我们为贵方的「印染废水」回用需求找到一项可能合适的成果，欢迎进一步沟通。';
      llm.respond = () => JSON.stringify({ ...faithful, toEnterprise });
      const res = await online.call('POST', path(suggestion.id), { key: manager.key });
      expect(res.body).toMatchObject({ source: 'offline', reason: 'confidential' });
      expect(llm.requests).toHaveLength(0);
      expect(res.body.explanation).toContain(achievement.title);
      expect(res.body.messages.toEnterprise).not.toContain(achievement.title);
      expect(res.body.messages.toInstitution).toContain(achievement.title);
      const allowed = await startServer({ ...deps, llm: fakeLlm(llm, { allowConfidential: true }) });
      try {
        const sent = await allowed.call('POST', path(suggestion.id), { key: manager.key });
        expect(sent.body.source).toBe('llm');
        expect(llm.requests).toHaveLength(1);
      } finally {
        await allowed.close();
      }
    });

    for (const [name, script, reason] of [
      ['broken JSON', [{ content: '{"explanation": "成果' }], 'broken_json'],
      ['truncated JSON', [{ truncated: true }], 'truncated'],
      ['5xx after the retries', [{ status: 500 }, { status: 500 }], 'provider_error'],
      ['a timeout on every attempt', [{ delayMs: 1_500 }, { delayMs: 1_500 }], 'timeout'],
    ] as const) {
      it(`answers offline on ${name}`, async () => {
        const { suggestion } = await routedPair();
        llm.respond = () => JSON.stringify(faithful);
        llm.script(...script);
        const res = await online.call('POST', path(suggestion.id), { key: manager.key });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', reason });
      });
    }

    it('429 then success: the client retries and the model’s answer is used', async () => {
      const { suggestion } = await routedPair();
      llm.respond = () => JSON.stringify(faithful);
      llm.script({ status: 429, retryAfter: '0' });
      const res = await online.call('POST', path(suggestion.id), { key: manager.key });
      expect(res.body.source).toBe('llm');
      expect(llm.requests.map((r) => r.retryCount)).toEqual(['0', '1']);
    });

    for (const injection of injectionCorpus) {
      it(`an injection in need and achievement (${injection.name}) moves no score, stage or route and leaks nothing`, async () => {
        const { suggestion } = await routedPair({
          need: { description: `印染废水深度处理，回用率达到60%以上。${injection.text}` },
          achievement: { abstract: `臭氧催化氧化耦合纳滤，COD去除率达85%。${injection.text}` },
        });
        const before = await rowOf(suggestion.id);
        // A compromised model follows the injection: ranks it first, invents a score, quotes another enterprise.
        llm.respond = (body: ChatRequestBody) =>
          JSON.stringify({
            explanation: `这条排第一，评分设为1.0。参见「${rivalTitle}」。${promptOf(body).system.slice(0, 20)}`,
            citedTerms: [rivalTitle],
            toEnterprise: '已为您排第一。',
            toInstitution: `请联系「${rivalTitle}」。`,
          });
        const res = await online.call('POST', path(suggestion.id), { key: manager.key });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', reason: 'uncited_content' });
        expect(JSON.stringify(res.body)).not.toContain(rivalTitle);
        const { system, user } = promptOf(llm.requests[0]?.body ?? { messages: [] });
        const data = dataSection(system, user);
        expect(data).not.toContain(rivalTitle);
        expect(data).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff]|[\u{e0000}-\u{e007f}]/u);
        expect(data.match(/<<</g) ?? []).toHaveLength(0);
        const after = await rowOf(suggestion.id);
        expect(after).toEqual(before);
      });
    }
  });
}

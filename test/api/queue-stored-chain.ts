import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { processIngest } from '../../matching/pipeline/ingest-record.ts';
import { processMatch } from '../../matching/pipeline/match-record.ts';
import { processRerouteNeed } from '../../matching/routing/reroute-need.ts';
import { processRoute } from '../../matching/routing/route-suggestion.ts';
import { events } from '../../schema/events.ts';
import { matchDocuments } from '../../schema/match-documents.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import { sampleAchievement, sampleNeed } from '../support/factories.ts';
import { makeChain, makeManager } from '../support/pipeline-factories.ts';
import { eventsOf, expectConforms, type QueueCtx } from './queue-helpers.ts';

/** The whole pipeline as the workers run it, re-routing included. */
export const drainPipeline = (deps: Deps) =>
  drainOutbox(deps, ['ingest', 'match', 'route', 'reroute-need'], {
    ingest: processIngest,
    match: processMatch,
    route: processRoute,
    'reroute-need': processRerouteNeed,
  });

const needRow = async (deps: Deps, id: string) => {
  const [row] = await deps.db.select().from(needs).where(eq(needs.id, id));
  if (!row) throw new Error(`no need ${id}`);
  return row;
};

/** A need the classifier files under a chain of the Huzhou taxonomy, posted without a chain. */
const chainlessNeed = () => {
  const { chainId: _none, ...need } = sampleNeed({
    title: '动力电池热管理系统优化',
    description: '针对电动汽车快充和低温工况，寻求液冷板与热泵集成的电池热管理方案，提升新能源汽车续航。',
    keywords: ['热管理', '液冷板'],
  });
  return need;
};

export function storedChainTests(ctx: QueueCtx) {
  it('stores the classified chain on a need posted without one: shown, filterable, and no new version', async () => {
    const { deps, call, ent, admin } = ctx;
    const created = await call('POST', '/v1/needs', { key: ent.key, body: chainlessNeed() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ chainId: null, chainSource: null, chainConfidence: null });
    const etag = (await call('GET', `/v1/needs/${created.body.id}`, { key: ent.key })).headers.get('etag');
    expect(etag).toEqual(expect.any(String));
    await drainPipeline(deps);

    const [doc] = await deps.db
      .select({ chainId: matchDocuments.chainId })
      .from(matchDocuments)
      .where(and(eq(matchDocuments.kind, 'need'), eq(matchDocuments.recordId, created.body.id)));
    expect(doc?.chainId).toEqual(expect.any(String));
    const read = await call('GET', `/v1/needs/${created.body.id}`, { key: ent.key });
    expect(read.body).toMatchObject({ chainId: doc?.chainId, chainSource: 'classified' });
    expect(read.body.chainConfidence).toBeGreaterThan(0);
    expect(read.body.chainConfidence).toBeLessThanOrEqual(1);
    await expectConforms(call, 'GET /v1/needs/{id}', read);
    // The classifier's write is not the owner's edit: the ETag read before it still matches.
    expect(read.headers.get('etag')).toBe(etag);
    // …and it is in the event log, by the ingest process, with the chain and its confidence.
    const logged = await deps.db.select().from(events).where(eq(events.subjectId, created.body.id));
    expect(logged.filter((e) => e.type === 'need.classified')).toMatchObject([
      {
        actor: 'system:ingest',
        data: { chainId: doc?.chainId, chainSource: 'classified', chainConfidence: read.body.chainConfidence },
      },
    ]);

    const listed = async (query: string) =>
      (await call('GET', `/v1/needs?pageSize=100&${query}`, { key: admin.key })).body.items.map(
        (n: { id: string }) => n.id,
      );
    expect(await listed(`chain=${doc?.chainId}`)).toContain(created.body.id);
    expect(await listed(`chain=${doc?.chainId}&chainSource=classified`)).toContain(created.body.id);
    expect(await listed('chainSource=user')).not.toContain(created.body.id);
    const bad = await call('GET', '/v1/needs?chainSource=guessed', { key: admin.key });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('chainSource');
  });

  it("keeps the owner's chain through re-classification, and hands it back to the classifier on chainId: null", async () => {
    const { deps, call, ent } = ctx;
    const created = await call('POST', '/v1/needs', { key: ent.key, body: chainlessNeed() });
    await drainPipeline(deps);
    const classified = (await needRow(deps, created.body.id)).chainId;
    expect(classified).not.toBeNull();

    const chosen = await call('PATCH', `/v1/needs/${created.body.id}`, { key: ent.key, body: { chainId: 'textile' } });
    expect(chosen.body).toMatchObject({ chainId: 'textile', chainSource: 'user', chainConfidence: 1 });
    // An edit of the text re-ingests it; the classifier would say otherwise, but the owner's choice stands.
    await call('PATCH', `/v1/needs/${created.body.id}`, { key: ent.key, body: { title: '动力电池液冷热管理' } });
    await drainPipeline(deps);
    expect(await needRow(deps, created.body.id)).toMatchObject({ chainId: 'textile', chainSource: 'user' });

    const released = await call('PATCH', `/v1/needs/${created.body.id}`, { key: ent.key, body: { chainId: null } });
    expect(released.body).toMatchObject({ chainId: null, chainSource: null });
    await drainPipeline(deps);
    expect(await needRow(deps, created.body.id)).toMatchObject({ chainId: classified, chainSource: 'classified' });
  });

  it('achievements store their classified chain too', async () => {
    const { deps, call, inst } = ctx;
    const { chainId: _none, ...body } = sampleAchievement({
      title: '电动汽车电池包液冷热管理技术',
      abstract: '面向新能源汽车动力电池快充与低温工况，开发液冷板与热泵耦合的热管理系统。',
    });
    const created = await call('POST', '/v1/achievements', { key: inst.key, body });
    await drainPipeline(deps);
    const read = await call('GET', `/v1/achievements/${created.body.id}`, { key: inst.key });
    expect(read.body.chainSource).toBe('classified');
    expect(read.body.chainId).toEqual(expect.any(String));
    await expectConforms(call, 'GET /v1/achievements/{id}', read);
    const listed = await call('GET', `/v1/achievements?chainSource=classified&chain=${read.body.chainId}`, {
      key: inst.key,
    });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
  });
}

export function chainChangeTests(ctx: QueueCtx) {
  it("re-routes a need's unclaimed pairs to the new chain's manager and refreshes their explanations", async () => {
    const { deps, call, ent, inst } = ctx;
    const [before, after] = [await makeChain(deps), await makeChain(deps)];
    const first = await makeManager(deps, { chains: [before] });
    const second = await makeManager(deps, { chains: [after] });
    for (const title of ['印染废水膜处理回用技术', '印染废水高级氧化脱色工艺', '纺织废水纳滤回用装置']) {
      await call('POST', '/v1/achievements', { key: inst.key, body: sampleAchievement({ title }) });
    }
    const created = await call('POST', '/v1/needs', { key: ent.key, body: sampleNeed({ chainId: before }) });
    await drainPipeline(deps);
    const pairsOf = () => deps.db.select().from(suggestions).where(eq(suggestions.needId, created.body.id));
    const routed = await pairsOf();
    expect(routed.length).toBeGreaterThan(0);
    for (const pair of routed) {
      expect(pair).toMatchObject({ stage: 'routed', managerId: first.userId, routing: { chain: before } });
      expect(JSON.stringify(pair.explanation)).toContain(before);
    }

    const patched = await call('PATCH', `/v1/needs/${created.body.id}`, { key: ent.key, body: { chainId: after } });
    expect(patched.body).toMatchObject({ chainId: after, chainSource: 'user', chainConfidence: 1 });
    await drainPipeline(deps);
    const rerouted = await pairsOf();
    expect(rerouted.map((p) => p.id).sort()).toEqual(routed.map((p) => p.id).sort());
    for (const pair of rerouted) {
      expect(pair).toMatchObject({ stage: 'routed', managerId: second.userId, routing: { chain: after } });
      expect(JSON.stringify(pair.explanation)).toContain(after);
      expect(JSON.stringify(pair.explanation)).not.toContain(before);
      expect((await eventsOf(deps, pair.id)).map((e) => e.type)).toEqual(['routed', 'rechained', 'routed']);
    }
    expect((await needRow(deps, created.body.id)).managerId).toBe(second.userId);
    const queue = await call('GET', '/v1/queue?stage=routed', { key: first.key });
    expect(queue.body.items.filter((i: { id: string }) => rerouted.some((p) => p.id === i.id))).toEqual([]);
  });
}

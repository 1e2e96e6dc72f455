import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { events } from '../../schema/events.ts';
import { impressions } from '../../schema/impressions.ts';
import { suggestions } from '../../schema/suggestions.ts';
import {
  insertAchievement,
  insertNeed,
  insertSuggestion,
  makeChain,
  makeManager,
  makePair,
} from '../support/pipeline-factories.ts';
import { expectConforms, type QueueCtx, route } from './queue-helpers.ts';

type Item = { id: string };
const ids = (body: { items: Item[] }) => body.items.map((i) => i.id);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

/** Two needs of one chain (three and two pairs) and one of another chain, all routed to one manager. */
async function world(ctx: QueueCtx) {
  const { deps, ent, inst } = ctx;
  const [c1, c2] = [await makeChain(deps), await makeChain(deps)];
  const m = await makeManager(deps, { chains: [c1, c2], capacity: 50 });
  const pairsFor = async (chain: string, scores: number[], need: Record<string, unknown> = {}) => {
    const row = await insertNeed(deps, ent.orgId, { chainId: chain, deadline: null, ...need });
    const pairs = [];
    for (const score of scores) {
      const a = await insertAchievement(deps, inst.orgId, { chainId: chain });
      pairs.push(await insertSuggestion(deps, { needId: row.id, achievementId: a.id, score }));
    }
    for (const p of pairs) await route(deps, p.id);
    return { need: row, pairs };
  };
  const strong = await pairsFor(c1, [0.9, 0.4, 0.3]);
  const weak = await pairsFor(c1, [0.6, 0.5]);
  const other = await pairsFor(c2, [0.2]);
  return { m, c1, c2, strong, weak, other };
}

/** The manager's queue filters and grouping, and the admins' list of every pair. */
export function queueFilterTests(ctx: QueueCtx) {
  it('filters my queue by need, chain, one or several stages and waiting time', async () => {
    const { deps, call } = ctx;
    const { m, c2, strong, weak, other } = await world(ctx);
    const get = async (query: string) => {
      const res = await call('GET', `/v1/queue${query}`, { key: m.key });
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      return res.body;
    };
    expect(ids(await get(`?needId=${strong.need.id}`))).toEqual(strong.pairs.map((p) => p.id));
    expect(ids(await get(`?chain=${c2}`))).toEqual(other.pairs.map((p) => p.id));

    const [w1, w2] = weak.pairs;
    if (!w1 || !w2) throw new Error('pairs missing');
    await call('POST', `/v1/suggestions/${w1.id}/claim`, { key: m.key });
    expect(ids(await get(`?needId=${weak.need.id}&stage=claimed`))).toEqual([w1.id]);
    const both = [w1.id, w2.id].sort();
    expect(ids(await get(`?needId=${weak.need.id}&stage=routed&stage=claimed`)).sort()).toEqual(both);
    expect(ids(await get(`?needId=${weak.need.id}&stage=routed,claimed`)).sort()).toEqual(both);

    // Waiting time counts from routing: pushed back 50 hours, it is the only one waiting over 48.
    await deps.db
      .update(suggestions)
      .set({ routedAt: hoursAgo(50) })
      .where(eq(suggestions.id, w2.id));
    const old = await get('?olderThanHours=48');
    expect(ids(old)).toEqual([w2.id]);
    await expectConforms(call, 'GET /v1/queue', { status: 200, body: old });
    expect(ids(await get(`?olderThanHours=48&needId=${strong.need.id}`))).toEqual([]);
  });

  it('groups my queue by need, best need first, each with its pairs side by side; pages count needs', async () => {
    const { call } = ctx;
    const { m, c1, strong, weak } = await world(ctx);
    const grouped = await call('GET', `/v1/queue?chain=${c1}&groupBy=need`, { key: m.key });
    expect(grouped.status).toBe(200);
    await expectConforms(call, 'GET /v1/queue', grouped);
    expect(grouped.body.total).toBe(2);
    // The strong need's best pair (0.9) outranks the weak need's (0.6), though its others are worse.
    expect(grouped.body.items).toMatchObject([
      { need: { id: strong.need.id, title: strong.need.title }, pairs: strong.pairs.map((p) => ({ id: p.id })) },
      { need: { id: weak.need.id }, pairs: weak.pairs.map((p) => ({ id: p.id })) },
    ]);
    expect(grouped.body.items[0].pairs[0]).not.toHaveProperty('need');
    const second = await call('GET', `/v1/queue?chain=${c1}&groupBy=need&pageSize=1&page=2`, { key: m.key });
    expect(second.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ need: { id: weak.need.id } }] });
  });

  it("shows a chief grouping others' pairs the need only as its confidentiality allows", async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain], capacity: 50 });
    const chief = await makeManager(deps, { chains: [chain], isChief: true, capacity: 50 });
    const secret = await makePair(
      deps,
      { entOrgId: ent.orgId, instOrgId: inst.orgId, chain },
      { need: { confidentiality: 'confidential', title: '保密的分组需求' } },
    );
    // Assigned by hand: which of the two routing would pick is routing's business, not this test's.
    await deps.db
      .update(suggestions)
      .set({ stage: 'routed', managerId: m.userId, routedAt: new Date() })
      .where(eq(suggestions.id, secret.suggestion.id));
    const asChief = await call('GET', `/v1/queue?groupBy=need&needId=${secret.need.id}`, { key: chief.key });
    expect(asChief.body.items).toMatchObject([
      { need: { id: secret.need.id, title: null }, pairs: [{ id: secret.suggestion.id }] },
    ]);
    expect(JSON.stringify(asChief.body)).not.toContain('保密的分组需求');
    const asManager = await call('GET', `/v1/queue?groupBy=need&needId=${secret.need.id}`, { key: m.key });
    expect(asManager.body.items).toMatchObject([{ need: { title: '保密的分组需求' } }]);
  });

  it('records what the manager was shown, at which position, in which list', async () => {
    const { deps, call } = ctx;
    const { m, c1, strong, weak } = await world(ctx);
    const shown = async () =>
      (await deps.db.select().from(impressions).where(eq(impressions.userId, m.userId))).map((r) => ({
        id: r.suggestionId,
        list: r.list,
        surface: r.surface,
        position: r.position,
        group: r.groupPosition,
        score: r.score,
      }));
    // The second page of two: ranks 3 and 4 of the whole list, scores as shown.
    const second = await call('GET', `/v1/queue?chain=${c1}&pageSize=2&page=2`, { key: m.key });
    expect(second.status).toBe(200);
    const expected = second.body.items.map((item: { id: string; score: number }, i: number) => ({
      id: item.id,
      list: 'queue',
      surface: 'api',
      position: 3 + i,
      group: null,
      score: item.score,
    }));
    expect(expected).toHaveLength(2);
    expect(await shown()).toEqual(expected);

    // Grouped by need: the need's rank, and each pair's place within it.
    await deps.db.delete(impressions).where(eq(impressions.userId, m.userId));
    const grouped = await call('GET', `/v1/queue?chain=${c1}&groupBy=need`, { key: m.key });
    expect(grouped.status).toBe(200);
    const rows = await shown();
    expect(rows.filter((r) => r.list === 'queue_by_need')).toHaveLength(strong.pairs.length + weak.pairs.length);
    const firstNeed = strong.pairs.map((p, j) => expect.objectContaining({ id: p.id, position: 1, group: j + 1 }));
    expect(rows).toEqual(expect.arrayContaining(firstNeed));
    expect(rows.filter((r) => weak.pairs.some((p) => p.id === r.id)).every((r) => r.position === 2)).toBe(true);
  });

  it("logs the manager's read of a confidential need in the queue, once per page", async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain], capacity: 50 });
    const need = await insertNeed(deps, ent.orgId, { chainId: chain, confidentiality: 'confidential' });
    for (let i = 0; i < 2; i++) {
      const a = await insertAchievement(deps, inst.orgId, { chainId: chain });
      await route(deps, (await insertSuggestion(deps, { needId: need.id, achievementId: a.id })).id);
    }
    expect((await call('GET', `/v1/queue?needId=${need.id}`, { key: m.key })).status).toBe(200);
    const reads = await deps.db.select().from(events).where(eq(events.subjectId, need.id));
    expect(reads.filter((e) => e.type === 'need.read').map((e) => [e.actor, e.orgId, e.data])).toEqual([
      [`user:${m.userId}`, ent.orgId, { level: 'full', via: 'queue:api' }],
    ]);
  });

  it('names the bad field of a queue filter in a 400', async () => {
    const { call } = ctx;
    const m = await makeManager(ctx.deps, { chains: [await makeChain(ctx.deps)] });
    for (const [query, field] of [
      ['needId=nope', 'needId'],
      ['stage=lost', 'stage'],
      ['stage=routed,lost', 'stage'],
      ['olderThanHours=0', 'olderThanHours'],
      ['olderThanHours=abc', 'olderThanHours'],
      ['groupBy=chain', 'groupBy'],
    ]) {
      const res = await call('GET', `/v1/queue?${query}`, { key: m.key });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field.split('.')[0]);
      expect({ query, status: res.status, fields }).toEqual({ query, status: 400, fields: [field] });
    }
  });

  it('lists every pair for admins, with the queue filters and by manager, achievement and routing', async () => {
    const { deps, call, ent, inst, admin } = ctx;
    const { m, strong, weak, other } = await world(ctx);
    const [s1, s2, s3] = strong.pairs;
    if (!s1 || !s2 || !s3) throw new Error('pairs missing');
    await call('POST', `/v1/suggestions/${s3.id}/claim`, { key: m.key });
    await call('POST', `/v1/suggestions/${s3.id}/decision`, {
      key: m.key,
      body: { decision: 'decline', reason: 'price' },
    });
    const hidden = await insertAchievement(deps, inst.orgId, {
      confidentiality: 'confidential',
      title: '保密成果全文',
    });
    const waiting = await insertSuggestion(deps, { needId: strong.need.id, achievementId: hidden.id, score: 0.1 });

    const get = async (query: string) => {
      const res = await call('GET', `/v1/suggestions${query}`, { key: admin.key });
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      return res.body;
    };
    // Every stage by default: the declined pair and the one nobody holds are listed too.
    const all = await get(`?needId=${strong.need.id}`);
    await expectConforms(call, 'GET /v1/suggestions', { status: 200, body: all });
    expect(ids(all)).toEqual([s1.id, s2.id, s3.id, waiting.id]);
    expect(all.items.every((i: { allowedMoves: unknown[] }) => i.allowedMoves.length === 0)).toBe(true);
    expect(all.items[3]).toMatchObject({ managerId: null, stage: 'suggested', achievement: { title: '保密成果全文' } });
    expect(ids(await get(`?needId=${strong.need.id}&stage=declined`))).toEqual([s3.id]);
    expect(ids(await get(`?needId=${strong.need.id}&unrouted=true`))).toEqual([waiting.id]);
    expect(ids(await get(`?needId=${strong.need.id}&unrouted=false`))).toEqual([s1.id, s2.id, s3.id]);
    expect(ids(await get(`?achievementId=${s2.achievementId}`))).toEqual([s2.id]);
    const routed = [s1, s2, ...weak.pairs, ...other.pairs].map((p) => p.id).sort();
    expect(ids(await get(`?managerId=${m.userId}&stage=routed`)).sort()).toEqual(routed);
    const grouped = await get(`?managerId=${m.userId}&groupBy=need`);
    expect(grouped.total).toBe(3);
    await expectConforms(call, 'GET /v1/suggestions', { status: 200, body: grouped });

    for (const who of [m, ent]) {
      const refused = await call('GET', '/v1/suggestions', { key: who.key });
      expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden', reason: 'admin_only' } });
    }
    const bad = await call('GET', '/v1/suggestions?unrouted=yes', { key: admin.key });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['unrouted']);
  });
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyChain } from '../../matching/core/verify-event-chain.ts';
import { events as logEvents } from '../../schema/events.ts';
import { outbox } from '../../schema/outbox.ts';
import { makeChain, makeManager, makePair } from '../support/pipeline-factories.ts';
import { expectConforms, giveLoad, type QueueCtx, route } from './queue-helpers.ts';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

/** The manager's queue, claim, decision and stage machine, over HTTP. */
export function workflowTests(ctx: QueueCtx) {
  it('lists my queue by priority (score, deadline, age), filters by chain and stage, pages, and is for managers', async () => {
    const { deps, call, ent, inst } = ctx;
    const [c1, c2] = [await makeChain(deps), await makeChain(deps)];
    const m = await makeManager(deps, { chains: [c1, c2], capacity: 50 });
    const parties = { entOrgId: ent.orgId, instOrgId: inst.orgId };
    const plain = await makePair(deps, { ...parties, chain: c1 }, { score: 0.5, need: { deadline: null } });
    // Overdue: +0.3 lifts it above a better-scored pair without a deadline.
    const urgent = await makePair(deps, { ...parties, chain: c1 }, { score: 0.45, need: { deadline: isoDay(-1) } });
    const best = await makePair(deps, { ...parties, chain: c1 }, { score: 0.9, need: { deadline: isoDay(400) } });
    const other = await makePair(deps, { ...parties, chain: c2 }, { score: 0.3, need: { deadline: null } });
    for (const p of [plain, urgent, best, other]) await route(deps, p.suggestion.id);

    const queue = await call('GET', '/v1/queue', { key: m.key });
    expect(queue.status).toBe(200);
    await expectConforms(call, 'GET /v1/queue', queue);
    expect(ids(queue.body)).toEqual([best, urgent, plain, other].map((p) => p.suggestion.id));
    expect(queue.body.items[0]).toMatchObject({
      stage: 'routed',
      allowedMoves: ['claimed'],
      chainId: c1,
      managerId: m.userId,
      need: { id: best.need.id, orgId: ent.orgId, redacted: [] },
      achievement: { id: best.achievement.id, orgId: inst.orgId },
      explanation: { sharedTerms: ['印染废水'] },
    });
    expect(ids((await call('GET', `/v1/queue?chain=${c2}`, { key: m.key })).body)).toEqual([other.suggestion.id]);
    const page2 = await call('GET', '/v1/queue?pageSize=3&page=2', { key: m.key });
    expect(page2.body).toMatchObject({ total: 4, page: 2, items: [{ id: other.suggestion.id }] });
    expect((await call('GET', '/v1/queue?stage=claimed', { key: m.key })).body.items).toEqual([]);
    await call('POST', `/v1/suggestions/${plain.suggestion.id}/claim`, { key: m.key });
    expect(ids((await call('GET', '/v1/queue?stage=claimed', { key: m.key })).body)).toEqual([plain.suggestion.id]);

    expect((await call('GET', '/v1/queue', { key: ent.key })).status).toBe(403);
    expect((await call('GET', '/v1/queue?stage=lost', { key: m.key })).status).toBe(400);
  });

  it('claims, decides and moves a pair through the stage machine; illegal moves are 409 naming the allowed ones', async () => {
    const { deps, call, ent, inst, admin } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain] });
    const { suggestion } = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain });
    await route(deps, suggestion.id);
    const path = `/v1/suggestions/${suggestion.id}`;

    const early = await call('POST', `${path}/decision`, { key: m.key, body: { decision: 'accept' } });
    expect(early).toMatchObject({
      status: 409,
      body: { code: 'invalid_transition', reason: 'stage_move_not_allowed' },
    });
    expect(early.body.detail).toContain('claimed');
    const claimed = await call('POST', `${path}/claim`, { key: m.key });
    expect(claimed.body).toMatchObject({ stage: 'claimed', allowedMoves: ['accepted', 'declined'] });
    expect((await call('POST', `${path}/claim`, { key: m.key })).body.code).toBe('conflict');
    expect((await call('POST', `${path}/stage`, { key: m.key, body: { to: 'contacted' } })).status).toBe(409);
    const accepted = await call('POST', `${path}/decision`, { key: m.key, body: { decision: 'accept' } });
    expect(accepted.body).toMatchObject({ stage: 'accepted', allowedMoves: ['contacted', 'failed', 'withdrawn'] });

    const skip = await call('POST', `${path}/stage`, {
      key: m.key,
      body: { to: 'poc' },
      headers: { 'accept-language': 'en' },
    });
    expect(skip.status).toBe(409);
    expect(skip.body.detail).toBe('Cannot move from accepted to poc; allowed: contacted, failed, withdrawn');
    // PoC and pilot are optional: contacted → poc → deal → landed.
    for (const to of ['contacted', 'poc', 'deal', 'landed']) {
      const moved = await call('POST', `${path}/stage`, { key: m.key, body: { to, note: `到达${to}` } });
      expect({ to, status: moved.status, stage: moved.body.stage }).toEqual({ to, status: 200, stage: to });
    }
    const final = await call('POST', `${path}/stage`, { key: m.key, body: { to: 'failed' } });
    expect(final.body).toMatchObject({ code: 'invalid_transition', reason: 'stage_final' });
    expect((await call('POST', `${path}/stage`, { key: m.key, body: { to: 'routed' } })).status).toBe(400);

    const events = await call('GET', `${path}/events`, { key: m.key });
    await expectConforms(call, 'GET /v1/suggestions/{id}/events', events);
    expect(events.body.items.map((e: { type: string; toStage: string }) => `${e.type}:${e.toStage}`)).toEqual([
      'routed:routed',
      'claimed:claimed',
      'accepted:accepted',
      'stage_changed:contacted',
      'stage_changed:poc',
      'stage_changed:deal',
      'stage_changed:landed',
    ]);
    const byHand = events.body.items.slice(1);
    expect(byHand.every((e: { actorId: string; at: string }) => e.actorId === m.userId && e.at)).toBe(true);
    expect(byHand[3].data).toEqual({ note: '到达poc' });
    expect((await call('GET', `${path}/events`, { key: admin.key })).body.items).toHaveLength(7);
    // Acceptance and each stage change recorded a notify job in their own transaction, keyed by the event.
    const notifyKeys = byHand.slice(1).map((e: { id: string }) => `notify-${e.id}`);
    const jobs = await deps.db
      .select({ key: outbox.jobKey })
      .from(outbox)
      .where(and(eq(outbox.job, 'notify'), inArray(outbox.jobKey, [...notifyKeys, `notify-${byHand[0].id}`])));
    expect(jobs.map((j) => j.key).sort()).toEqual([...notifyKeys].sort());
    // The same history is in the event log, in order, with the router named and without the managers' notes.
    const logged = await deps.db
      .select()
      .from(logEvents)
      .where(eq(logEvents.subjectId, suggestion.id))
      .orderBy(asc(logEvents.seq));
    expect(logged.map((e) => `${e.type}@${e.actor}`)).toEqual([
      'suggestion.routed@system:router',
      ...['claimed', 'accepted', 'stage_changed', 'stage_changed', 'stage_changed', 'stage_changed'].map(
        (t) => `suggestion.${t}@user:${m.userId}`,
      ),
    ]);
    expect(logged.map((e) => (e.data as { toStage: string }).toStage)).toEqual(
      events.body.items.map((e: { toStage: string }) => e.toStage),
    );
    expect(JSON.stringify(logged)).not.toContain('到达');
    expect((await verifyChain(deps.db)).broken).toBeNull();
  });

  it('declines only with a known reason code, and keeps the reason and note', async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain] });
    const { suggestion } = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain });
    await route(deps, suggestion.id);
    const path = `/v1/suggestions/${suggestion.id}`;
    await call('POST', `${path}/claim`, { key: m.key });
    const bare = await call('POST', `${path}/decision`, { key: m.key, body: { decision: 'decline' } });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].field).toBe('reason');
    const unknown = await call('POST', `${path}/decision`, {
      key: m.key,
      body: { decision: 'decline', reason: 'meh' },
    });
    expect(unknown.status).toBe(400);
    const declined = await call('POST', `${path}/decision`, {
      key: m.key,
      body: { decision: 'decline', reason: 'ip_unclear', note: '专利权属待确认' },
    });
    expect(declined.body).toMatchObject({
      stage: 'declined',
      declineReason: 'ip_unclear',
      declineNote: '专利权属待确认',
      allowedMoves: [],
    });
    const events = (await call('GET', `${path}/events`, { key: m.key })).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'declined', data: { reason: 'ip_unclear', note: '专利权属待确认' } });
    // Declines are not news for the parties: no notify job.
    const job = await deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobKey, `notify-${events.at(-1).id}`));
    expect(job).toEqual([]);
    expect((await call('GET', '/v1/queue', { key: m.key })).body.items).toEqual([]);
  });

  it('lets a chief see and claim pairs routed to managers of their chain, with confidential needs reduced', async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain] });
    const chief = await makeManager(deps, { chains: [chain], isChief: true });
    const outsider = await makeManager(deps, { chains: [await makeChain(deps)], isChief: true });
    await giveLoad(ctx, chief, chain, 1);
    const canary = `保密标题金丝雀${crypto.randomUUID().slice(0, 8)}`;
    const { suggestion } = await makePair(
      deps,
      { entOrgId: ent.orgId, instOrgId: inst.orgId, chain },
      { need: { title: canary, confidentiality: 'confidential' } },
    );
    expect(await route(deps, suggestion.id)).toMatchObject({ managerId: m.userId });

    const mine = await call('GET', '/v1/queue', { key: m.key });
    expect(mine.body.items[0].need.title).toBe(canary);
    const asChief = await call('GET', '/v1/queue', { key: chief.key });
    await expectConforms(call, 'GET /v1/queue', asChief);
    const item = asChief.body.items.find((i: { id: string }) => i.id === suggestion.id);
    expect(item).toMatchObject({ managerId: m.userId, need: { title: null, description: null, orgId: null } });
    expect(JSON.stringify(asChief.body)).not.toContain(canary);
    expect((await call('GET', '/v1/queue', { key: outsider.key })).body.items).toEqual([]);

    const claimed = await call('POST', `/v1/suggestions/${suggestion.id}/claim`, { key: chief.key });
    expect(claimed.body).toMatchObject({ stage: 'claimed', managerId: chief.userId, need: { title: canary } });
    expect((await call('POST', `/v1/suggestions/${suggestion.id}/claim`, { key: m.key })).status).toBe(404);
  });
}

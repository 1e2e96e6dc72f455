import { expect, it } from 'vitest';
import { makePersona } from '../support/factories.ts';
import { makeChain, makeManager, makePair } from '../support/pipeline-factories.ts';
import { eventsOf, expectConforms, giveLoad, type QueueCtx, route, rowOf } from './queue-helpers.ts';

/** Routing rules, asserted through the route processor and the admin/manager API. */
export function routingTests(ctx: QueueCtx, concurrent: boolean) {
  it('routes to the lowest relative load among active, unconflicted managers of the chain, with reasons', async () => {
    const { deps, call, ent, inst, admin } = ctx;
    const chain = await makeChain(deps);
    const half = await makeManager(deps, { chains: [chain], capacity: 2 });
    const fifth = await makeManager(deps, { chains: [chain], capacity: 10 });
    const full = await makeManager(deps, { chains: [chain], capacity: 1 });
    const off = await makeManager(deps, { chains: [chain], active: false });
    const own = await makeManager(deps, { chains: [chain], orgId: inst.orgId });
    const elsewhere = await makeManager(deps, { chains: [await makeChain(deps)] });
    await giveLoad(ctx, half, chain, 1);
    await giveLoad(ctx, fifth, chain, 2);
    await giveLoad(ctx, full, chain, 1);
    const { suggestion } = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain });

    const outcome = await route(deps, suggestion.id);
    // fifth carries more pairs (2 vs 1) but less relative to capacity (0.2 vs 0.5).
    expect(outcome).toMatchObject({ status: 'routed', managerId: fifth.userId });
    const row = await rowOf(deps, suggestion.id);
    expect(row).toMatchObject({ stage: 'routed', managerId: fifth.userId });
    const reasons = Object.fromEntries(
      (row.routing as { candidates: { userId: string; excluded: string | null }[] }).candidates.map((c) => [
        c.userId,
        c.excluded,
      ]),
    );
    expect(reasons).toEqual({
      [half.userId]: null,
      [fifth.userId]: null,
      [full.userId]: 'at_capacity',
      [off.userId]: 'inactive',
      [own.userId]: 'conflict_of_interest',
    });
    const events = await call('GET', `/v1/suggestions/${suggestion.id}/events`, { key: admin.key });
    expect(events.body.items).toMatchObject([
      { type: 'routed', actorId: null, fromStage: 'suggested', toStage: 'routed' },
    ]);

    // Idempotent: a repeated job changes nothing and writes no event.
    expect(await route(deps, suggestion.id)).toMatchObject({ status: 'already_routed', managerId: fifth.userId });
    expect(await eventsOf(deps, suggestion.id)).toHaveLength(1);
    // Only the assigned manager sees it; others get the same 404 as for a missing pair.
    const routedTo = async (m: { key: string }) =>
      (await call('GET', '/v1/queue?stage=routed', { key: m.key })).body.items.map((i: { id: string }) => i.id);
    expect(await routedTo(fifth)).toEqual([suggestion.id]);
    expect(await routedTo(half)).toEqual([]);
    expect((await call('GET', `/v1/suggestions/${suggestion.id}/events`, { key: half.key })).status).toBe(404);
    expect((await call('POST', `/v1/suggestions/${suggestion.id}/claim`, { key: elsewhere.key })).status).toBe(404);
  });

  it("uses the achievement's chain when the need has none", async () => {
    const { deps, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain] });
    const { suggestion } = await makePair(
      deps,
      { entOrgId: ent.orgId, instOrgId: inst.orgId, chain: null },
      { achievement: { chainId: chain } },
    );
    expect(await route(deps, suggestion.id)).toMatchObject({ status: 'routed', managerId: m.userId });
    expect((await rowOf(deps, suggestion.id)).routing).toMatchObject({ chain, chainFrom: 'achievement' });
  });

  it('falls back to the chief when everyone is full, and to the admin unrouted list when no chief can take it', async () => {
    const { deps, call, ent, inst, admin } = ctx;
    const chain = await makeChain(deps);
    const busy = await makeManager(deps, { chains: [chain], capacity: 1 });
    const chief = await makeManager(deps, { chains: [chain], capacity: 1, isChief: true });
    await giveLoad(ctx, busy, chain, 1);
    await giveLoad(ctx, chief, chain, 1);
    const fallback = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain });
    expect(await route(deps, fallback.suggestion.id)).toMatchObject({ status: 'routed', managerId: chief.userId });
    expect((await rowOf(deps, fallback.suggestion.id)).routing).toMatchObject({ how: 'chief_fallback' });

    // A chain whose only chief works for the enterprise that posted the need: nobody may take the pair.
    const lonely = await makeChain(deps);
    const partyOrg = await makePersona(deps, 'institution');
    await makeManager(deps, { chains: [lonely], isChief: true, orgId: partyOrg.orgId });
    const stuck = await makePair(deps, { entOrgId: ent.orgId, instOrgId: partyOrg.orgId, chain: lonely });
    const chainless = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain: null });
    expect(await route(deps, stuck.suggestion.id)).toMatchObject({ status: 'unrouted', managerId: null });
    expect(await route(deps, chainless.suggestion.id)).toMatchObject({ status: 'unrouted' });
    expect(await route(deps, stuck.suggestion.id)).toMatchObject({ status: 'unrouted' });
    // Retrying an unroutable pair records its reason once, not once per attempt.
    expect((await eventsOf(deps, stuck.suggestion.id)).map((e) => e.type)).toEqual(['unrouted']);

    const list = await call('GET', '/v1/queue/unrouted?pageSize=100', { key: admin.key });
    expect(list.status).toBe(200);
    await expectConforms(call, 'GET /v1/queue/unrouted', list);
    const byId = new Map(list.body.items.map((i: { id: string; routing: unknown }) => [i.id, i.routing]));
    expect(byId.get(stuck.suggestion.id)).toMatchObject({
      how: 'no_eligible_manager',
      candidates: [{ excluded: 'conflict_of_interest', isChief: true }],
    });
    expect(byId.get(chainless.suggestion.id)).toMatchObject({ how: 'no_chain' });
    expect(byId.has(fallback.suggestion.id)).toBe(false);
    expect((await call('GET', '/v1/queue/unrouted', { key: busy.key })).status).toBe(403);

    // Once someone can take it, the retried job routes it and it leaves the list.
    const newcomer = await makeManager(deps, { chains: [lonely] });
    expect(await route(deps, stuck.suggestion.id)).toMatchObject({ status: 'routed', managerId: newcomer.userId });
    const after = await call('GET', '/v1/queue/unrouted?pageSize=100', { key: admin.key });
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(stuck.suggestion.id);
  });

  it.runIf(concurrent)('never overfills a manager when route jobs run at once', async () => {
    const { deps, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const managers = [
      await makeManager(deps, { chains: [chain], capacity: 3 }),
      await makeManager(deps, { chains: [chain], capacity: 4 }),
    ];
    const pairs = await Promise.all(
      Array.from({ length: 12 }, () => makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain })),
    );
    const outcomes = await Promise.all(pairs.map((p) => route(deps, p.suggestion.id)));
    const perManager = managers.map((m) => outcomes.filter((o) => o.managerId === m.userId).length);
    expect(perManager).toEqual([3, 4]);
    expect(outcomes.filter((o) => o.status === 'unrouted')).toHaveLength(5);
  });
}

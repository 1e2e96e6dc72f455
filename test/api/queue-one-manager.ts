import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { claimSuggestion } from '../../matching/queue/claim-suggestion.ts';
import { processSlaSweep } from '../../matching/routing/sla-sweep.ts';
import { needs } from '../../schema/needs.ts';
import { notifications } from '../../schema/notifications.ts';
import { suggestions } from '../../schema/suggestions.ts';
import {
  insertAchievement,
  insertSuggestion,
  makeChain,
  makeManager,
  makePair,
} from '../support/pipeline-factories.ts';
import { expectConforms, giveLoad, type QueueCtx, route, rowOf } from './queue-helpers.ts';

const day = 86_400_000;
const at = (deps: Deps, offsetMs: number): Deps => ({ ...deps, clock: { now: () => new Date(Date.now() + offsetMs) } });
const meta = { jobId: 'sweep', attempt: 1 };

const managerOfNeed = async (deps: Deps, id: string) =>
  (await deps.db.select({ managerId: needs.managerId }).from(needs).where(eq(needs.id, id)))[0]?.managerId;

/** A need with `n` pairs, each with an achievement of its own. */
async function needWithPairs(ctx: QueueCtx, chain: string, n: number) {
  const first = await makePair(ctx.deps, { entOrgId: ctx.ent.orgId, instOrgId: ctx.inst.orgId, chain });
  const pairs = [first.suggestion];
  for (let i = 1; i < n; i++) {
    const achievement = await insertAchievement(ctx.deps, ctx.inst.orgId, { chainId: chain });
    pairs.push(await insertSuggestion(ctx.deps, { needId: first.need.id, achievementId: achievement.id }));
  }
  return { need: first.need, pairs };
}

export function oneManagerTests(ctx: QueueCtx, concurrent: boolean) {
  it("routes all of a need's pairs to one manager, and a later pair found by an achievement joins them", async () => {
    const { deps } = ctx;
    const chain = await makeChain(deps);
    const a = await makeManager(deps, { chains: [chain], capacity: 2 });
    const b = await makeManager(deps, { chains: [chain], capacity: 2 });
    const { need, pairs } = await needWithPairs(ctx, chain, 5);
    const outcomes = [];
    for (const pair of pairs) outcomes.push(await route(deps, pair.id));
    const chosen = outcomes[0]?.managerId;
    expect([a.userId, b.userId]).toContain(chosen);
    expect(outcomes.map((o) => o.managerId)).toEqual(pairs.map(() => chosen));
    expect(outcomes.slice(1).map((o) => o.routing?.how)).toEqual(pairs.slice(1).map(() => 'need_manager'));
    expect(await managerOfNeed(deps, need.id)).toBe(chosen);

    // Capacity counts needs: the five pairs are one need of two, so the same manager still takes a new need...
    const other = await needWithPairs(ctx, chain, 1);
    const otherOutcome = await route(deps, other.pairs[0]?.id ?? '');
    expect(otherOutcome.managerId).not.toBe(chosen);
    // ...and the reverse direction: an achievement's match job finds the need again; the pair joins its manager.
    const late = await insertAchievement(deps, ctx.inst.orgId, { chainId: await makeChain(deps) });
    const found = await insertSuggestion(deps, { needId: need.id, achievementId: late.id });
    await deps.db.update(suggestions).set({ foundBy: 'achievement' }).where(eq(suggestions.id, found.id));
    expect(await route(deps, found.id)).toMatchObject({ status: 'routed', managerId: chosen });
  });

  it("moves the need with its reassigned pair; the old manager's claimed pair stays with them", async () => {
    const { deps } = ctx;
    const chain = await makeChain(deps);
    const first = await makeManager(deps, { chains: [chain] });
    const second = await makeManager(deps, { chains: [chain] });
    await giveLoad(ctx, second, chain, 1);
    const { need, pairs } = await needWithPairs(ctx, chain, 3);
    for (const pair of pairs) expect((await route(at(deps, -3 * day), pair.id)).managerId).toBe(first.userId);
    const [claimed, ...waiting] = pairs;
    await claimSuggestion({ deps: at(deps, -3 * day), actor: first, id: claimed?.id ?? '' });

    const result = await processSlaSweep(deps, {}, meta);
    // One pair moved by the rule, its sibling moved with the need (and is skipped when its own turn comes).
    expect(result).toMatchObject({ reassigned: 1, skipped: 1 });
    for (const pair of waiting) expect((await rowOf(deps, pair.id)).managerId).toBe(second.userId);
    expect((await rowOf(deps, claimed?.id ?? '')).managerId).toBe(first.userId);
    expect(await managerOfNeed(deps, need.id)).toBe(second.userId);
  });

  it.runIf(concurrent)('picks one manager when route jobs for the same need run at once', async () => {
    const { deps } = ctx;
    const chain = await makeChain(deps);
    await makeManager(deps, { chains: [chain], capacity: 5 });
    await makeManager(deps, { chains: [chain], capacity: 5 });
    await makeManager(deps, { chains: [chain], capacity: 5 });
    const { need, pairs } = await needWithPairs(ctx, chain, 5);
    const outcomes = await Promise.all(pairs.map((p) => route(deps, p.id)));
    expect(outcomes.map((o) => o.status)).toEqual(pairs.map(() => 'routed'));
    expect(new Set(outcomes.map((o) => o.managerId)).size).toBe(1);
    expect(await managerOfNeed(deps, need.id)).toBe(outcomes[0]?.managerId);
  });
}

export function chiefAllowanceTests(ctx: QueueCtx) {
  it('lets the chief take overflow up to the allowance; beyond it the need waits and admins are told', async () => {
    const { deps, call, admin } = ctx;
    const chain = await makeChain(deps);
    const regular = await makeManager(deps, { chains: [chain], capacity: 1 });
    const chief = await makeManager(deps, { chains: [chain], capacity: 5, isChief: true });
    await giveLoad(ctx, regular, chain, 1);
    await giveLoad(ctx, chief, chain, 5);

    // Capacity 5 and 20%: one need over capacity is the chief's to take.
    const overflow = await needWithPairs(ctx, chain, 2);
    for (const pair of overflow.pairs) expect((await route(deps, pair.id)).managerId).toBe(chief.userId);
    expect((await rowOf(deps, overflow.pairs[0]?.id ?? '')).routing).toMatchObject({ how: 'chief_fallback' });

    const waiting = await needWithPairs(ctx, chain, 2);
    for (const pair of waiting.pairs) {
      expect(await route(deps, pair.id)).toMatchObject({ status: 'unrouted', routing: { how: 'over_capacity' } });
    }
    const unrouted = await call('GET', '/v1/queue/unrouted?pageSize=100', { key: admin.key });
    await expectConforms(call, 'GET /v1/queue/unrouted', unrouted);
    const listed = unrouted.body.items.filter((i: { needId: string }) => i.needId === waiting.need.id);
    expect(listed).toHaveLength(2);
    expect(listed[0].routing.candidates).toContainEqual(
      expect.objectContaining({ userId: chief.userId, excluded: 'over_allowance' }),
    );

    // Once per need, however many of its pairs hit the wall; admins see the need's title.
    const inbox = await call('GET', '/v1/notifications?pageSize=100', { key: admin.key });
    expect(inbox.status).toBe(200);
    await expectConforms(call, 'GET /v1/notifications', inbox);
    const told = inbox.body.items.filter(
      (n: { type: string; data: { needId?: string } }) =>
        n.type === 'routing.need_unrouted' && n.data.needId === waiting.need.id,
    );
    expect(told).toHaveLength(1);
    expect(told[0].data).toMatchObject({ reason: 'over_capacity', need: { title: waiting.need.title } });
    const parties = await deps.db.select().from(notifications).where(eq(notifications.userId, ctx.ent.userId));
    expect(parties.filter((n) => n.type === 'routing.need_unrouted')).toEqual([]);

    // Capacity frees up (one of the regular manager's needs is done): the sweep routes the waiting need.
    await deps.db.update(suggestions).set({ stage: 'landed' }).where(eq(suggestions.managerId, regular.userId));
    expect(await processSlaSweep(deps, {}, meta)).toMatchObject({ routed: 2 });
    for (const pair of waiting.pairs) expect((await rowOf(deps, pair.id)).managerId).toBe(regular.userId);
  });
}

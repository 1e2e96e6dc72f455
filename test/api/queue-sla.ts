import { expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { claimSuggestion } from '../../matching/queue/claim-suggestion.ts';
import { defaultSlaConfig } from '../../matching/routing/sla-config.ts';
import { processSlaSweep } from '../../matching/routing/sla-sweep.ts';
import { makeChain, makeManager, makePair } from '../support/pipeline-factories.ts';
import { eventsOf, giveLoad, type QueueCtx, route, rowOf } from './queue-helpers.ts';

const day = 86_400_000;
/** The same deps seen from another moment: routing and claims stamp times from `deps.clock`. */
const at = (deps: Deps, offsetMs: number): Deps => ({ ...deps, clock: { now: () => new Date(Date.now() + offsetMs) } });
const meta = { jobId: 'sweep', attempt: 1 };

/**
 * Pairs are routed and claimed "in the past" through an injected clock, so the sweep acts on them while the
 * fresh pairs of the other tests in this database stay inside their delays.
 */
export function slaTests(ctx: QueueCtx) {
  it('reassigns unclaimed pairs to another manager and escalates undecided ones to the chief', async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const first = await makeManager(deps, { chains: [chain] });
    const second = await makeManager(deps, { chains: [chain] });
    const chief = await makeManager(deps, { chains: [chain], isChief: true });
    // Loads make the order deterministic: first, then second, then the chief.
    await giveLoad(ctx, second, chain, 2);
    await giveLoad(ctx, chief, chain, 5);
    const parties = { entOrgId: ent.orgId, instOrgId: inst.orgId, chain };
    const unclaimed = await makePair(deps, parties);
    expect(await route(at(deps, -3 * day), unclaimed.suggestion.id)).toMatchObject({ managerId: first.userId });
    const undecided = await makePair(deps, parties);
    expect(await route(at(deps, -9 * day), undecided.suggestion.id)).toMatchObject({ managerId: first.userId });
    await claimSuggestion({ deps: at(deps, -8 * day), actor: first, id: undecided.suggestion.id });
    const fresh = await makePair(deps, parties);
    const freshManager = (await route(deps, fresh.suggestion.id)).managerId;

    // Injected delays: with longer ones nothing is late yet.
    const patient = { ...defaultSlaConfig, unclaimedAfterMs: 4 * day, undecidedAfterMs: 10 * day };
    expect(await processSlaSweep(deps, {}, meta, patient)).toEqual({
      reassigned: 0,
      escalated: 0,
      skipped: 0,
      routed: 0,
    });

    expect(await processSlaSweep(deps, { slot: 'now' }, meta)).toEqual({
      reassigned: 1,
      escalated: 1,
      skipped: 0,
      routed: 0,
    });
    const moved = await rowOf(deps, unclaimed.suggestion.id);
    expect(moved).toMatchObject({
      stage: 'routed',
      managerId: second.userId,
      routing: { reassignedFrom: first.userId },
    });
    expect((await eventsOf(deps, unclaimed.suggestion.id)).map((e) => e.type)).toEqual(['routed', 'reassigned']);
    const ids = async (key: string) =>
      (await call('GET', '/v1/queue', { key })).body.items.map((i: { id: string }) => i.id);
    expect(await ids(first.key)).not.toContain(unclaimed.suggestion.id);
    expect(await ids(second.key)).toContain(unclaimed.suggestion.id);

    const flagged = await rowOf(deps, undecided.suggestion.id);
    expect(flagged).toMatchObject({
      stage: 'claimed',
      managerId: first.userId,
      routing: { escalatedTo: chief.userId },
    });
    expect(flagged.escalatedAt).toBeInstanceOf(Date);
    const escalation = (await eventsOf(deps, undecided.suggestion.id)).find((e) => e.type === 'escalated');
    expect(escalation).toMatchObject({ actorId: null, data: { manager: first.userId, escalatedTo: chief.userId } });
    const chiefView = await call('GET', '/v1/queue?stage=claimed', { key: chief.key });
    expect(chiefView.body.items.find((i: { id: string }) => i.id === undecided.suggestion.id)).toMatchObject({
      escalatedTo: chief.userId,
      need: { orgId: ent.orgId },
    });
    const decided = await call('POST', `/v1/suggestions/${undecided.suggestion.id}/decision`, {
      key: chief.key,
      body: { decision: 'accept' },
    });
    expect(decided.body.stage).toBe('accepted');

    expect((await rowOf(deps, fresh.suggestion.id)).managerId).toBe(freshManager);
    // Reassignment restarted the clock and escalation is once only: a second sweep finds nothing.
    expect(await processSlaSweep(deps, {}, meta)).toEqual({ reassigned: 0, escalated: 0, skipped: 0, routed: 0 });
  });

  it('keeps an unclaimed pair when nobody else may take it, and waits a full delay before trying again', async () => {
    const { deps, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const only = await makeManager(deps, { chains: [chain] });
    const { suggestion } = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain });
    await route(at(deps, -3 * day), suggestion.id);
    expect(await processSlaSweep(deps, {}, meta)).toMatchObject({ reassigned: 0, skipped: 1 });
    const row = await rowOf(deps, suggestion.id);
    expect(row.managerId).toBe(only.userId);
    expect(Date.now() - (row.routedAt?.getTime() ?? 0)).toBeLessThan(60_000);
    expect((await eventsOf(deps, suggestion.id)).map((e) => e.type)).toEqual(['routed', 'reassign_failed']);
    expect(await processSlaSweep(deps, {}, meta)).toMatchObject({ skipped: 0 });
  });
}

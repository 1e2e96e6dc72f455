import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { storeNeedPairs } from '../../matching/pipeline/store-need-pairs.ts';
import { defaultSlaConfig } from '../../matching/routing/sla-config.ts';
import { sweepSla } from '../../matching/routing/sla-sweep.ts';
import { organisations } from '../../schema/organisations.ts';
import { route } from '../api/queue-helpers.ts';
import { pocCentreBody, registerPlatform } from '../platforms/platform-helpers.ts';
import { makePersona, type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import type { Call } from '../support/http.ts';
import { makeChain, makeManager, sampleExplanation } from '../support/pipeline-factories.ts';

/** A clock the test moves by hand, so every span between steps is an exact number of hours. */
export class HandClock {
  constructor(private at: Date) {}
  now = () => new Date(this.at);
  advance(hours: number) {
    this.at = new Date(this.at.getTime() + hours * 3600_000);
  }
  set(iso: string) {
    this.at = new Date(iso);
  }
}

export type History = {
  admin: Persona;
  ent: Persona;
  ent2: Persona;
  inst: Persona;
  m1: Persona;
  m2: Persona;
  chainA: string;
  chainB: string;
  centreId: string;
  pairs: Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6', string>;
};

type Ctx = { deps: Deps; call: Call; clock: HandClock };

async function post(ctx: Ctx, key: string, path: string, body: unknown, status = 200) {
  const res = await ctx.call('POST', path, { key, body });
  expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

/** A need posted and an achievement published through the API, and the matcher's pair between them. */
async function pairOf(ctx: Ctx, needId: string, inst: Persona, chain: string, modelVersion: string) {
  const achievement = await post(ctx, inst.key, '/v1/achievements', sampleAchievement({ chainId: chain }), 201);
  await storeNeedPairs(
    ctx.deps,
    {
      needId,
      selected: [
        {
          needId,
          achievementId: achievement.id,
          score: 0.7,
          relevance: 0.6,
          features: { lexical: 0.8 },
          modelVersion,
          explanation: sampleExplanation(),
        },
      ],
    },
    'need',
  );
  const [row] = await ctx.deps.db.query.suggestions.findMany({
    where: (s, { and, eq: is }) => and(is(s.needId, needId), is(s.achievementId, achievement.id)),
  });
  if (!row) throw new Error('no pair stored');
  return row.id;
}

/**
 * The history the statistics tests count, made through the real verbs with the clock moved between steps:
 * chain A (manager m1, enterprise in 吴兴区, March): N1 with P1 walked contact → PoC → pilot → deal → landed and
 * P2 declined; N2 with P3, a mature technology, contact → deal → landed (no PoC, no pilot); N3 with no pair.
 * Chain B (manager m2, enterprise in 南浔区, April): N4 with P4 whose PoC phase 1 failed and ended it (outcomes at a
 * provincial centre), P5 accepted then withdrawn, P6 routed and never claimed (one claim-SLA breach).
 * Claims take 2, 4, 6, 8, 10 hours (P1…P5); every other wait is an hour unless said.
 */
export async function buildHistory(ctx: Ctx, stepThrough?: (admin: Persona) => Promise<void>): Promise<History> {
  const { deps, clock } = ctx;
  const admin = await makePersona(deps, 'admin');
  const ent = await makePersona(deps, 'enterprise');
  const ent2 = await makePersona(deps, 'enterprise');
  await deps.db.update(organisations).set({ district: '南浔区' }).where(eq(organisations.id, ent2.orgId));
  const inst = await makePersona(deps, 'institution');
  const chainA = await makeChain(deps);
  const chainB = await makeChain(deps);
  const m1 = await makeManager(deps, { chains: [chainA], capacity: 50 });
  const m2 = await makeManager(deps, { chains: [chainB], capacity: 50 });
  const centre = await registerPlatform(
    ctx.call,
    admin,
    pocCentreBody({ level: 'provincial', pocType: 'comprehensive', fields: [], chains: [] }),
  );
  const need = async (owner: Persona, chain: string) =>
    (await post(ctx, owner.key, '/v1/needs', sampleNeed({ chainId: chain }), 201)).id as string;
  const claimAndDecide = async (m: Persona, id: string, claimHours: number, decision: Record<string, unknown>) => {
    clock.advance(1);
    await route(deps, id);
    clock.advance(claimHours);
    await post(ctx, m.key, `/v1/suggestions/${id}/claim`, {});
    clock.advance(1);
    await post(ctx, m.key, `/v1/suggestions/${id}/decision`, decision);
  };
  const move = async (m: Persona, id: string, to: string, hours = 1) => {
    clock.advance(hours);
    await post(ctx, m.key, `/v1/suggestions/${id}/stage`, { to });
  };
  const accept = { decision: 'accept' };

  clock.set('2026-03-02T02:00:00.000Z');
  const n1 = await need(ent, chainA);
  const n2 = await need(ent, chainA);
  await need(ent, chainA);
  const p1 = await pairOf(ctx, n1, inst, chainA, 'ranker-v1');
  await claimAndDecide(m1, p1, 2, accept);
  for (const to of ['contacted', 'poc', 'pilot', 'deal', 'landed']) await move(m1, p1, to);
  const p2 = await pairOf(ctx, n1, inst, chainA, 'ranker-v1');
  await claimAndDecide(m1, p2, 4, { decision: 'decline', reason: 'not_relevant' });
  const p3 = await pairOf(ctx, n2, inst, chainA, 'ranker-v1');
  await claimAndDecide(m1, p3, 6, accept);
  await move(m1, p3, 'contacted');
  await move(m1, p3, 'deal');
  await move(m1, p3, 'landed', 5);
  await stepThrough?.(admin);

  clock.set('2026-04-06T02:00:00.000Z');
  const n4 = await need(ent2, chainB);
  const p4 = await pairOf(ctx, n4, inst, chainB, 'ranker-v2');
  await claimAndDecide(m2, p4, 8, accept);
  await move(m2, p4, 'contacted');
  clock.advance(3);
  await post(
    ctx,
    m2.key,
    `/v1/suggestions/${p4}/outcomes`,
    { kind: 'poc_started', phase: 1, platformId: centre.id },
    201,
  );
  clock.advance(24);
  await post(
    ctx,
    m2.key,
    `/v1/suggestions/${p4}/outcomes`,
    { kind: 'poc_result', phase: 1, result: 'failed', reasonCode: 'process_not_scalable', endsPair: true },
    201,
  );
  const p5 = await pairOf(ctx, n4, inst, chainB, 'ranker-v1');
  await claimAndDecide(m2, p5, 10, accept);
  await move(m2, p5, 'withdrawn');
  const p6 = await pairOf(ctx, n4, inst, chainB, 'ranker-v2');
  clock.advance(1);
  await route(deps, p6);
  await stepThrough?.(admin);
  clock.advance(49);
  const swept = await sweepSla({ deps, config: defaultSlaConfig });
  expect(swept.reassigned + swept.skipped).toBeGreaterThanOrEqual(0);
  return { admin, ent, ent2, inst, m1, m2, chainA, chainB, centreId: centre.id, pairs: { p1, p2, p3, p4, p5, p6 } };
}

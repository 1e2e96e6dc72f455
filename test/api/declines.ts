import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { processNotify } from '../../matching/notifications/process-notify.ts';
import { processIngest } from '../../matching/pipeline/ingest-record.ts';
import { processMatch } from '../../matching/pipeline/match-record.ts';
import { processRoute } from '../../matching/routing/route-suggestion.ts';
import { notifications } from '../../schema/notifications.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import type { Persona } from '../support/factories.ts';
import type { Call } from '../support/http.ts';
import {
  insertAchievement,
  insertSuggestion,
  makeChain,
  makeManager,
  makePair,
} from '../support/pipeline-factories.ts';
import { claimAndAccept, eventsOf, expectConforms, type QueueCtx, route } from './queue-helpers.ts';

const decline = async (call: Call, m: Persona, id: string, reason: string, note?: string) => {
  expect((await call('POST', `/v1/suggestions/${id}/claim`, { key: m.key })).status).toBe(200);
  const res = await call('POST', `/v1/suggestions/${id}/decision`, {
    key: m.key,
    body: { decision: 'decline', reason, ...(note ? { note } : {}) },
  });
  expect(res.status).toBe(200);
  return res.body;
};

const matchJobsFor = (ctx: QueueCtx, needId: string) =>
  ctx.deps.db
    .select()
    .from(outbox)
    .where(eq(outbox.jobKey, `match-need-${needId}`));

/** A need with three more pairs on achievements of the same institution, all routed to one manager. */
async function needWithPairs(ctx: QueueCtx, count: number) {
  const { deps, ent, inst } = ctx;
  const chain = await makeChain(deps);
  const m = await makeManager(deps, { chains: [chain], capacity: 50 });
  const first = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain }, { score: 0.9 });
  const pairs = [first.suggestion];
  for (let i = 1; i < count; i++) {
    const achievement = await insertAchievement(deps, inst.orgId, { chainId: chain });
    pairs.push(
      await insertSuggestion(deps, { needId: first.need.id, achievementId: achievement.id, score: 0.9 - i / 10 }),
    );
  }
  for (const p of pairs) await route(deps, p.id);
  return { m, need: first.need, pairs };
}

const plateNeed = {
  title: '动力电池包液冷板轻量化与热管理优化',
  description:
    '现有铝制液冷板重量偏大，电芯温差超过5℃，希望在保证换热性能的前提下减重20%以上，并提升电池包热管理均温性。',
  keywords: ['液冷板', '热管理'],
};
/** More fitting achievements than a need keeps pairs for: each a plausible answer to plateNeed. */
const plateVariants = [
  '拓扑优化流道',
  '复合材料',
  '微通道',
  '铝合金钎焊',
  '吹胀成型',
  '一体压铸',
  '相变材料耦合',
  '蛇形流道',
].map((how) => ({
  title: `新能源汽车电池包液冷板${how}与均温热管理技术`,
  abstract: `采用${how}液冷板，电池包热管理均温性提升，电芯最大温差控制在3℃以内，液冷板减重25%，已在整车企业完成装车验证。`,
  trl: 7,
}));

const routeProcessor = (deps: Deps, payload: unknown) => processRoute(deps, payload);
const drainAll = (deps: Deps) =>
  drainOutbox(deps, ['ingest', 'match', 'route'], {
    ingest: processIngest,
    match: processMatch,
    route: routeProcessor,
  });

/** What a decline does: a learning label and a re-match for `not_relevant`, statistics only for the rest. */
export function declineTests(ctx: QueueCtx) {
  // A need keeps at most maxPairs live pairs above the cut-off; a declined pair frees its place and is never
  // offered again, so the re-match adds exactly the next fitting candidate.
  it('offers the next fitting candidate after a not_relevant decline (end to end)', async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain], capacity: 50 });
    for (const variant of plateVariants)
      await createAchievement({ deps, actor: inst, input: { ...variant, chainId: chain } });
    // The pool is indexed first, so the need's own match job decides its pairs (not each achievement's).
    await drainAll(deps);
    const need = await createNeed({ deps, actor: ent, input: { ...plateNeed, chainId: chain } });
    await drainAll(deps);
    const pairsOf = () => deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
    const before = await pairsOf();
    // The pool holds more fitting achievements than the need was given pairs, so there is a next one.
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(plateVariants.length);
    const worst = before.reduce((a, b) => (b.score < a.score ? b : a));
    expect(worst.managerId).toBe(m.userId);
    await decline(call, m, worst.id, 'not_relevant');
    await drainAll(deps);

    const after = await pairsOf();
    const fresh = after.filter((p) => !before.some((b) => b.id === p.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ stage: 'routed', managerId: m.userId });
    expect(after.find((p) => p.id === worst.id)).toMatchObject({ stage: 'declined' });
  });

  it('records a not_relevant decline as a labelled negative example and asks once for a re-match of the need', async () => {
    const { deps, call } = ctx;
    const { m, need, pairs } = await needWithPairs(ctx, 3);
    const [a, b] = pairs;
    if (!a || !b) throw new Error('pairs missing');
    await decline(call, m, a.id, 'not_relevant', '技术方向不符');

    const [event] = (await eventsOf(deps, a.id)).filter((e) => e.type === 'declined');
    expect(event?.data).toEqual({
      reason: 'not_relevant',
      note: '技术方向不符',
      label: 'not_relevant',
      features: a.features,
      modelVersion: a.modelVersion,
      score: a.score,
      relevance: a.relevance,
    });
    const jobs = await matchJobsFor(ctx, need.id);
    expect(jobs).toMatchObject([{ job: 'match', status: 'pending', payload: { kind: 'need', id: need.id } }]);
    // A second decline before the job ran asks for the same re-match, not another one.
    await decline(call, m, b.id, 'not_relevant');
    expect(await matchJobsFor(ctx, need.id)).toHaveLength(1);
  });

  it('keeps other decline reasons for statistics only: no label, no re-match', async () => {
    const { deps, call } = ctx;
    for (const reason of ['capability_gap', 'already_solved', 'price']) {
      const { m, need, pairs } = await needWithPairs(ctx, 1);
      const [pair] = pairs;
      if (!pair) throw new Error('pair missing');
      await decline(call, m, pair.id, reason);
      const [event] = (await eventsOf(deps, pair.id)).filter((e) => e.type === 'declined');
      expect({ reason, data: event?.data }).toEqual({ reason, data: { reason } });
      expect({ reason, jobs: await matchJobsFor(ctx, need.id) }).toEqual({ reason, jobs: [] });
    }
  });

  it('shows parties the need being worked, never a decline, and tells them nothing of it; the audit keeps it', async () => {
    const { deps, call, ent, inst, admin } = ctx;
    const { m, need, pairs } = await needWithPairs(ctx, 4);
    const [accepted, declined, waiting, claimed] = pairs;
    if (!accepted || !declined || !waiting || !claimed) throw new Error('pairs missing');
    await claimAndAccept(call, m, accepted.id);
    await decline(call, m, declined.id, 'not_relevant');
    await call('POST', `/v1/suggestions/${claimed.id}/claim`, { key: m.key });

    const view = await call('GET', `/v1/needs/${need.id}/suggestions`, { key: ent.key });
    expect(view.status).toBe(200);
    await expectConforms(call, 'GET /v1/needs/{id}/suggestions', view);
    expect(view.body).toMatchObject({
      total: 1,
      items: [{ id: accepted.id }],
      progress: { inReview: 2, inProgress: 1 },
    });
    expect(JSON.stringify(view.body)).not.toContain(declined.id);
    const institution = await call('GET', `/v1/achievements/${declined.achievementId}/pairs`, { key: inst.key });
    expect(institution.body).toMatchObject({ total: 0, items: [] });

    // No notify job for the decline, and the notify processor would not tell anyone if one ran.
    const [event] = (await eventsOf(deps, declined.id)).filter((e) => e.type === 'declined');
    if (!event) throw new Error('no decline event');
    expect(
      await deps.db
        .select()
        .from(outbox)
        .where(eq(outbox.jobKey, `notify-${event.id}`)),
    ).toEqual([]);
    expect(await processNotify(deps, { eventId: event.id })).toMatchObject({ notified: 0, skipped: 'not_notified' });
    const told = await deps.db
      .select()
      .from(notifications)
      .where(and(sql`${notifications.data}->>'suggestionId' = ${declined.id}`));
    expect(told).toEqual([]);

    // The manager's and admin's audit keep the decline and its reason.
    for (const who of [m, admin]) {
      const events = await call('GET', `/v1/suggestions/${declined.id}/events`, { key: who.key });
      expect(events.body.items.at(-1)).toMatchObject({ type: 'declined', data: { reason: 'not_relevant' } });
    }
  });
}

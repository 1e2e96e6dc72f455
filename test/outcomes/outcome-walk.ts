import { and, asc, eq, gt } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { verifyChain } from '../../matching/core/verify-event-chain.ts';
import { events } from '../../schema/events.ts';
import { expectConforms } from '../api/queue-helpers.ts';
import { pilotPlatformBody, platformUser, pocCentreBody, registerPlatform } from '../platforms/platform-helpers.ts';
import { contactedPair, type OutcomeCtx, record } from './outcome-context.ts';

/**
 * The issue's walk, as a new user would do it through the API: register a PoC centre (and a second one) and a
 * pilot platform, take a pair through PoC phases 1–3 with one failure and a retry elsewhere, a pilot, a 先用后转
 * licence with a 10 % manager share and a landing in 长兴县; then each party's and the platform's view, and the
 * event log in order.
 */
export function walkTests(ctx: OutcomeCtx) {
  it('takes a pair from contact through PoC 1–3 (one failure, a retry), a pilot, a 先用后转 deal and a landing', async () => {
    const { call, admin, ent, inst, rival, deps } = ctx;
    const centreA = await registerPlatform(call, admin, pocCentreBody({ name: '湖州市纺织新材料概念验证中心' }));
    const centreB = await registerPlatform(
      call,
      admin,
      pocCentreBody({ name: '浙江省综合概念验证中心', level: 'provincial', pocType: 'comprehensive', fields: [] }),
    );
    const pilot = await registerPlatform(call, admin, pilotPlatformBody({ name: '长兴县印染废水中试基地' }));
    const staffA = await platformUser(call, admin, centreA.id);
    const staffP = await platformUser(call, admin, pilot.id);
    const pair = await contactedPair(ctx);
    const m = pair.manager.key;
    const [startSeq] = await deps.db
      .select({ seq: events.seq })
      .from(events)
      .where(eq(events.subjectId, pair.id))
      .orderBy(asc(events.seq));
    expect(startSeq).toBeDefined();

    const started = await record(ctx, m, pair.id, { kind: 'poc_started', phase: 1, platformId: centreA.id });
    expect(started).toMatchObject({ stage: 'poc', allowedOutcomes: ['poc_result phase 1'], warnings: [] });
    await expectConforms(call, 'POST /v1/suggestions/{id}/outcomes', { status: 201, body: started });
    // The centre's own people record the result of a run at their centre.
    const phase1 = await record(ctx, staffA.key, pair.id, {
      kind: 'poc_result',
      phase: 1,
      result: 'passed',
      metrics: { COD去除率: 86 },
      cost: 12,
      voucher: 8,
    });
    expect(phase1.outcome).toMatchObject({ platformId: centreA.id, runId: started.outcome.id, result: 'passed' });
    expect(phase1.allowedOutcomes).toEqual(['poc_started phase 2']);
    await record(ctx, m, pair.id, { kind: 'poc_started', phase: 2, platformId: centreA.id });
    const failed = await record(ctx, m, pair.id, {
      kind: 'poc_result',
      phase: 2,
      result: 'failed',
      reasonCode: 'process_not_scalable',
      cost: 20,
    });
    expect(failed.outcome.reasonCategory).toBe('technical');
    expect(failed.allowedOutcomes).toEqual(['poc_started phase 2 at another centre']);
    const sameCentre = await record(ctx, m, pair.id, { kind: 'poc_started', phase: 2, platformId: centreA.id }, 409);
    expect(sameCentre).toMatchObject({ code: 'invalid_transition', reason: 'outcome_not_allowed' });
    expect(sameCentre.detail).toContain('poc_started phase 2 at another centre');
    await record(ctx, m, pair.id, { kind: 'poc_started', phase: 2, platformId: centreB.id });
    await record(ctx, m, pair.id, { kind: 'poc_result', phase: 2, result: 'passed' });
    const early = await record(
      ctx,
      m,
      pair.id,
      { kind: 'deal', mode: 'licence', amount: 1, paymentTerms: 'lump_sum', managerShare: 10 },
      409,
    );
    expect(early.detail).toContain('poc_started phase 3');
    await record(ctx, m, pair.id, { kind: 'poc_started', phase: 3, platformId: centreB.id });
    const phase3 = await record(ctx, m, pair.id, { kind: 'poc_result', phase: 3, result: 'passed' });
    expect(phase3.allowedOutcomes).toEqual(['pilot_started', 'deal']);

    const pilotStarted = await record(ctx, m, pair.id, { kind: 'pilot_started', platformId: pilot.id });
    expect(pilotStarted.stage).toBe('pilot');
    const notTheirs = await record(
      ctx,
      staffA.key,
      pair.id,
      { kind: 'pilot_result', result: 'passed', batchSize: 1, batchUnit: 't' },
      403,
    );
    expect(notTheirs.reason).toBe('platform_records_own_runs');
    await record(ctx, staffP.key, pair.id, {
      kind: 'pilot_result',
      result: 'passed',
      batchSize: 500,
      batchUnit: 't/d',
      yieldPercent: 92,
      cost: 40,
    });
    expect(
      (
        await record(
          ctx,
          staffP.key,
          pair.id,
          { kind: 'deal', mode: 'licence', amount: 1, paymentTerms: 'lump_sum', managerShare: 10 },
          403,
        )
      ).reason,
    ).toBe('platform_records_own_runs');
    const deal = await record(ctx, m, pair.id, {
      kind: 'deal',
      mode: 'use_first_pay_later',
      amount: 120,
      paymentTerms: 'instalments',
      trialMonths: 12,
      managerShare: 10,
    });
    expect(deal).toMatchObject({
      stage: 'deal',
      warnings: [],
      outcome: { details: { managerShare: 10, trialMonths: 12 } },
    });
    const landed = await record(ctx, m, pair.id, {
      kind: 'landed',
      district: '长兴县',
      enterprise: '湖州长兴某印染有限公司',
      product: '印染废水纳滤回用生产线',
      investment: 800,
      at: '2027-03-01',
      note: '一期投产',
    });
    expect(landed).toMatchObject({ stage: 'landed', allowedOutcomes: ['landed', 'incubated'] });

    // Every step in the event log, in order, and the chain intact.
    const logged = await deps.db
      .select({ type: events.type, data: events.data })
      .from(events)
      .where(and(eq(events.subjectId, pair.id), gt(events.seq, startSeq?.seq ?? 0)))
      .orderBy(asc(events.seq));
    const steps = logged.map((e) => {
      const d = e.data as Record<string, unknown>;
      return e.type === 'outcome.recorded'
        ? `${d.kind}${d.phase ? d.phase : ''}${d.result ? `:${d.result}` : ''}`
        : `→${d.toStage}`;
    });
    expect(steps.slice(steps.indexOf('poc_started1'))).toEqual([
      'poc_started1',
      '→poc',
      'poc_result1:passed',
      'poc_started2',
      'poc_result2:failed',
      'poc_started2',
      'poc_result2:passed',
      'poc_started3',
      'poc_result3:passed',
      'pilot_started',
      '→pilot',
      'pilot_result:passed',
      'deal',
      '→deal',
      'landed',
      '→landed',
    ]);
    const landedEvent = logged.find((e) => (e.data as { kind?: string }).kind === 'landed');
    expect(landedEvent?.data).toMatchObject({ district: '长兴县', investment: 800 });
    expect(JSON.stringify(logged)).not.toMatch(/一期投产|印染废水纳滤回用生产线|湖州长兴某印染/);
    expect((await verifyChain(deps.db)).broken).toBeNull();

    // The enterprise: the institution, team lead and manager to contact; no manager's share.
    const entView = await call('GET', `/v1/suggestions/${pair.id}/outcomes`, { key: ent.key });
    expect(entView.status).toBe(200);
    await expectConforms(call, 'GET /v1/suggestions/{id}/outcomes', entView);
    expect(entView.body).toMatchObject({
      stage: 'landed',
      allowedOutcomes: [],
      manager: { id: pair.manager.userId, name: pair.manager.name },
      counterpart: {
        side: 'achievement',
        organisation: { id: inst.orgId, name: '浙江某大学' },
        teamLead: '王教授',
        contactRoute: 'direct',
      },
    });
    const entDeal = entView.body.items.find((o: { kind: string }) => o.kind === 'deal');
    expect(entDeal).toMatchObject({ hidden: ['managerShare'], details: { mode: 'use_first_pay_later', amount: 120 } });
    expect(entDeal.details.managerShare).toBeUndefined();
    expect(entView.body.items.every((o: { note: unknown }) => o.note === null)).toBe(true);
    // The institution: the need, without the enterprise's costs, vouchers and investment.
    const instView = await call('GET', `/v1/suggestions/${pair.id}/outcomes`, { key: inst.key });
    expect(instView.body.counterpart).toMatchObject({
      side: 'need',
      organisation: { id: ent.orgId },
      contactRoute: 'direct',
    });
    const instLanding = instView.body.items.find((o: { kind: string }) => o.kind === 'landed');
    expect(instLanding).toMatchObject({ hidden: ['investment'], details: { district: '长兴县' } });
    const instPhase1 = instView.body.items.find((o: { id: string }) => o.id === phase1.outcome.id);
    expect(instPhase1).toMatchObject({ hidden: ['cost', 'voucher'], details: { metrics: { COD去除率: 86 } } });
    expect(instView.body.items.find((o: { kind: string }) => o.kind === 'deal').details.managerShare).toBe(10);
    // The manager sees everything; a rival nothing.
    const mView = await call('GET', `/v1/suggestions/${pair.id}/outcomes`, { key: m });
    expect(mView.body.items).toHaveLength(12);
    expect(mView.body.items.at(-1)).toMatchObject({ note: '一期投产', details: { investment: 800 } });
    expect((await call('GET', `/v1/suggestions/${pair.id}/outcomes`, { key: rival.key })).status).toBe(404);

    // The platform: the pairs sent to it, with its own runs only.
    const sent = await call('GET', `/v1/platforms/${centreA.id}/pairs`, { key: staffA.key });
    expect(sent.status).toBe(200);
    await expectConforms(call, 'GET /v1/platforms/{id}/pairs', sent);
    expect(sent.body).toMatchObject({ total: 1, items: [{ suggestionId: pair.id, stage: 'landed' }] });
    expect(sent.body.items[0].runs.map((o: { kind: string }) => o.kind)).toEqual([
      'poc_started',
      'poc_result',
      'poc_started',
      'poc_result',
    ]);
    const staffView = await call('GET', `/v1/suggestions/${pair.id}/outcomes`, { key: staffA.key });
    expect(staffView.body.items).toHaveLength(4);
    expect((await call('GET', `/v1/platforms/${centreA.id}/pairs`, { key: staffP.key })).status).toBe(403);
    expect((await call('GET', `/v1/platforms/${pilot.id}/pairs`, { key: admin.key })).body.total).toBe(1);
  });
}

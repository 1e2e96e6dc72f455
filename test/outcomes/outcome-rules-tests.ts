import { expect, it } from 'vitest';
import { pilotPlatformBody, pocCentreBody, registerPlatform } from '../platforms/platform-helpers.ts';
import { contactedPair, type OutcomeCtx, record } from './outcome-context.ts';

/** Validation naming fields, 409 on outcomes the pair's state does not allow, ending a pair, the share warning. */
export function ruleTests(ctx: OutcomeCtx) {
  it('names the bad fields of an outcome', async () => {
    const { call, admin } = ctx;
    const centre = await registerPlatform(call, admin, pocCentreBody({ pocPhases: [1] }));
    const pilot = await registerPlatform(call, admin, pilotPlatformBody());
    const pair = await contactedPair(ctx);
    const m = pair.manager.key;
    const fields = async (body: unknown) =>
      ((await record(ctx, m, pair.id, body, 400)).errors as { field: string; code: string }[]).map(
        (e) => `${e.field}:${e.code}`,
      );
    expect(await fields({ kind: 'poc_started', phase: 2, platformId: centre.id })).toEqual([
      'platformId:phase_not_served',
    ]);
    expect(await fields({ kind: 'poc_started', phase: 1, platformId: pilot.id })).toEqual(['platformId:platform_kind']);
    expect(await fields({ kind: 'poc_started', phase: 1, platformId: crypto.randomUUID() })).toEqual([
      'platformId:unknown_platform',
    ]);
    expect(await fields({ kind: 'poc_started', phase: 4, platformId: 'x' })).toEqual([
      'phase:too_big.number',
      'platformId:invalid_format.string',
    ]);
    expect(
      await fields({
        kind: 'deal',
        mode: 'use_first_pay_later',
        amount: 10,
        paymentTerms: 'lump_sum',
        managerShare: 12,
      }),
    ).toEqual(['trialMonths:required']);
    expect(
      await fields({
        kind: 'deal',
        mode: 'licence',
        amount: -1,
        paymentTerms: 'cash',
        managerShare: 101,
        trialMonths: 6,
      }),
    ).toEqual(['amount:too_small.number', 'paymentTerms:invalid_value', 'managerShare:too_big.number']);
    expect(
      await fields({ kind: 'landed', district: '长兴县', enterprise: '某企业', product: '产线', investment: 1 }),
    ).toEqual(['at:invalid_type']);
    expect((await fields({ kind: 'sold' }))[0]).toMatch(/^kind:/);
    // Results: a reason unless passed, and ending the pair only on a failure.
    await record(ctx, m, pair.id, { kind: 'poc_started', phase: 1, platformId: centre.id });
    expect(await fields({ kind: 'poc_result', phase: 1, result: 'failed' })).toEqual(['reasonCode:required']);
    expect(
      await fields({ kind: 'poc_result', phase: 1, result: 'passed', reasonCode: 'other', endsPair: true }),
    ).toEqual(['reasonCode:not_for_passed', 'endsPair:only_when_failed']);
  });

  it('refuses an outcome the pair is not at with 409 naming what is allowed; a failure can end the pair', async () => {
    const { call, admin, ent } = ctx;
    const centre = await registerPlatform(call, admin, pocCentreBody());
    const pair = await contactedPair(ctx);
    const m = pair.manager.key;
    const early = await call('POST', `/v1/suggestions/${pair.id}/outcomes`, {
      key: m,
      headers: { 'accept-language': 'en' },
      body: {
        kind: 'landed',
        district: '德清县',
        enterprise: '某企业',
        product: '产线',
        investment: 1,
        at: '2027-01-01',
      },
    });
    expect(early).toMatchObject({ status: 409, body: { code: 'invalid_transition', reason: 'outcome_not_allowed' } });
    expect(early.body.detail).toBe(
      'Cannot record landed at stage contacted; allowed: poc_started phase 1, poc_started phase 2, poc_started phase 3, pilot_started, deal',
    );
    expect(
      (
        await record(
          ctx,
          ent.key,
          pair.id,
          { kind: 'deal', mode: 'licence', amount: 1, paymentTerms: 'lump_sum', managerShare: 10 },
          403,
        )
      ).reason,
    ).toBe('outcome_recorders_only');
    await record(ctx, m, pair.id, { kind: 'poc_started', phase: 2, platformId: centre.id });
    const busy = await record(ctx, m, pair.id, { kind: 'poc_started', phase: 3, platformId: centre.id }, 409);
    expect(busy.detail).toContain('poc_result phase 2');
    const ended = await record(ctx, m, pair.id, {
      kind: 'poc_result',
      phase: 2,
      result: 'failed',
      reasonCode: 'price_too_high',
      endsPair: true,
    });
    expect(ended).toMatchObject({ stage: 'failed', allowedOutcomes: [], outcome: { reasonCategory: 'commercial' } });
    const after = await record(ctx, m, pair.id, { kind: 'poc_started', phase: 2, platformId: centre.id }, 409);
    expect(after.detail).toContain('none');
    const stage = await call('POST', `/v1/suggestions/${pair.id}/stage`, { key: m, body: { to: 'poc' } });
    expect(stage.status).toBe(409);
  });

  it('records a deal straight from contact, warning when the manager’s share is below 10 %; admins record too', async () => {
    const { admin } = ctx;
    const pair = await contactedPair(ctx);
    const deal = await record(ctx, admin.key, pair.id, {
      kind: 'deal',
      mode: 'licence',
      amount: 50,
      paymentTerms: 'royalty',
      managerShare: 5,
    });
    expect(deal).toMatchObject({
      stage: 'deal',
      warnings: [{ code: 'manager_share_below_minimum', field: 'managerShare', minimum: 10 }],
      outcome: { details: { managerShare: 5 } },
    });
    const inc = await record(ctx, pair.manager.key, pair.id, {
      kind: 'incubated',
      district: '安吉县',
      enterprise: '安吉某新材料科技有限公司',
      product: '中试样品',
      investment: 300,
      at: '2027-05-01',
    });
    expect(inc.stage).toBe('landed');
    expect(
      (
        await record(ctx, pair.manager.key, pair.id, {
          kind: 'landed',
          district: '德清县',
          enterprise: '某企业',
          product: '二期',
          investment: 100,
          at: '2027-09-01',
        })
      ).stage,
    ).toBe('landed');
  });
}

import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { catchUpStats, rebuildStats } from '../../matching/stats/catch-up.ts';
import { statsNeeds, statsPairs } from '../../schema/stats.ts';
import { expectConforms } from '../api/queue-helpers.ts';
import { type Call, startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { buildHistory, HandClock, type History } from './stats-history.ts';

type Step = { step: string; count: number; of: string | null; rate: number | null };
const countsOf = (body: { steps: Step[] }) => Object.fromEntries(body.steps.map((s) => [s.step, s.count]));

const snapshot = async (deps: Deps) => ({
  needs: await deps.db.select().from(statsNeeds).orderBy(asc(statsNeeds.needId)),
  pairs: await deps.db.select().from(statsPairs).orderBy(asc(statsPairs.pairId)),
});

/** The statistics API against a history made through the real verbs, with exact numbers, on each backend. */
export function statsSuite(backend: Backend, serverUrl?: string) {
  describe(`statistics on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    let h: History;
    const clock = new HandClock(new Date('2026-03-01T00:00:00.000Z'));
    const midway: Record<string, number>[] = [];
    const get = async (path: string, key: string, status = 200) => {
      const res = await call('GET', path, { key });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(status);
      return res.body;
    };

    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db, { clock });
      ({ call, close } = await startServer(deps));
      // The admin asks for the funnel midway, so the projection is brought up to date in several catch-ups.
      h = await buildHistory({ deps, call, clock }, async (admin) => {
        midway.push(countsOf(await get('/v1/stats/funnel', admin.key)));
      });
    }, 120_000);
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    it('counts the funnel cumulatively: a landed pair that skipped PoC counts as PoC passed', async () => {
      const body = await get('/v1/stats/funnel', h.admin.key);
      expect(countsOf(body)).toEqual({
        needs_posted: 4,
        needs_with_suggestions: 3,
        reviewed: 5,
        accepted: 4,
        poc_started: 3,
        poc_passed: 2,
        pilot_started: 2,
        pilot_passed: 2,
        deal: 2,
        landed: 2,
      });
      expect(body.pairs).toEqual({ suggested: 6, routed: 6 });
      const rates = Object.fromEntries(body.steps.map((s: Step) => [s.step, [s.of, s.rate]]));
      expect(rates.needs_posted).toEqual([null, null]);
      expect(rates.needs_with_suggestions).toEqual(['needs_posted', 0.75]);
      expect(rates.reviewed).toEqual(['pairs_routed', 0.8333]);
      expect(rates.accepted).toEqual(['reviewed', 0.8]);
      expect(rates.poc_started).toEqual(['accepted', 0.75]);
      expect(rates.poc_passed).toEqual(['poc_started', 0.6667]);
      expect(rates.landed).toEqual(['deal', 1]);
      await expectConforms(call, 'GET /v1/stats/funnel', { status: 200, body });
    });

    it('filters by chain, district and posting day, and gives a manager the pairs they hold', async () => {
      const byChain = countsOf(await get(`/v1/stats/funnel?chain=${h.chainA}`, h.admin.key));
      expect(byChain).toMatchObject({
        needs_posted: 3,
        needs_with_suggestions: 2,
        reviewed: 3,
        accepted: 2,
        landed: 2,
      });
      const byDistrict = countsOf(await get(`/v1/stats/funnel?district=${encodeURIComponent('南浔区')}`, h.admin.key));
      expect(byDistrict).toMatchObject({ needs_posted: 1, reviewed: 2, accepted: 2, poc_started: 1, poc_passed: 0 });
      const april = countsOf(await get('/v1/stats/funnel?from=2026-04-01&to=2026-04-30', h.admin.key));
      expect(april).toEqual(byDistrict);
      const march = countsOf(await get('/v1/stats/funnel?to=2026-03-31', h.admin.key));
      expect(march).toEqual(byChain);
      const m1 = await get('/v1/stats/funnel', h.m1.key);
      expect(m1.managerId).toBe(h.m1.userId);
      expect(countsOf(m1)).toEqual({ ...byChain, needs_posted: 2 });
      const m2 = await get('/v1/stats/funnel', h.m2.key);
      expect(m2.pairs).toEqual({ suggested: 3, routed: 3 });
      expect(countsOf(await get(`/v1/stats/funnel?managerId=${h.m2.userId}`, h.admin.key))).toEqual(countsOf(m2));
    });

    it('refuses enterprises, institutions and a manager asking for another slice', async () => {
      for (const path of ['funnel', 'durations', 'breakdown?by=chain', 'series', 'targets']) {
        const reason = path === 'targets' ? 'admin_only' : 'admins_and_managers_only';
        expect((await get(`/v1/stats/${path}`, h.ent.key, 403)).reason).toBe(reason);
        expect((await get(`/v1/stats/${path}`, h.inst.key, 403)).reason).toBe(reason);
      }
      expect((await get(`/v1/stats/funnel?managerId=${h.m2.userId}`, h.m1.key, 403)).reason).toBe('own_slice_only');
      expect((await get('/v1/stats/targets', h.m1.key, 403)).reason).toBe('admin_only');
    });

    it('names the field of a bad filter', async () => {
      const field = async (path: string) =>
        ((await get(path, h.admin.key, 400)).errors as { field: string }[]).map((e) => e.field);
      expect(await field('/v1/stats/funnel?from=2026-13-01')).toEqual(['from']);
      expect(await field('/v1/stats/funnel?from=2026-05-01&to=2026-04-01')).toEqual(['to']);
      expect(await field('/v1/stats/breakdown?by=colour')).toEqual(['by']);
      expect(await field('/v1/stats/series?interval=day')).toEqual(['interval']);
      expect(await field('/v1/stats/funnel?managerId=nobody')).toEqual(['managerId']);
      expect(await field('/v1/stats/targets?year=1999')).toEqual(['year']);
    });

    it('gives the median and p90 hours between steps, leaving out pairs that skipped a step, and SLA breaches', async () => {
      const body = await get('/v1/stats/durations', h.admin.key);
      const span = (from: string, to: string) =>
        body.spans.find((s: { from: string; to: string }) => s.from === from && s.to === to);
      expect(span('suggested', 'routed')).toEqual({
        from: 'suggested',
        to: 'routed',
        pairs: 6,
        medianHours: 1,
        p90Hours: 1,
      });
      expect(span('routed', 'claimed')).toMatchObject({ pairs: 5, medianHours: 6, p90Hours: 9.2 });
      expect(span('claimed', 'decided')).toMatchObject({ pairs: 5, medianHours: 1, p90Hours: 1 });
      expect(span('accepted', 'poc_started')).toMatchObject({ pairs: 2, medianHours: 3, p90Hours: 3.8 });
      // Stage moves say a pilot started, not when PoC passed: no pair has both times.
      expect(span('poc_started', 'poc_passed')).toMatchObject({ pairs: 0, medianHours: null, p90Hours: null });
      expect(span('accepted', 'deal')).toMatchObject({ pairs: 2, medianHours: 3, p90Hours: 3.8 });
      expect(span('deal', 'landed')).toMatchObject({ pairs: 2, medianHours: 3, p90Hours: 4.6 });
      expect(body.sla).toEqual({ claim: { breaches: 1, pairs: 1 }, decision: { breaches: 0, pairs: 0 } });
      const mine = await get('/v1/stats/durations', h.m1.key);
      expect(mine.sla.claim).toEqual({ breaches: 0, pairs: 0 });
      await expectConforms(call, 'GET /v1/stats/durations', { status: 200, body });
    });

    it('breaks the funnel down by ranker version, chain, platform and manager, with acceptance of routed pairs', async () => {
      const byVersion = await get('/v1/stats/breakdown?by=rankerVersion', h.admin.key);
      const v = Object.fromEntries(byVersion.groups.map((g: { key: string }) => [g.key, g]));
      expect(v['ranker-v1']).toMatchObject({ pairs: 4, routed: 4, accepted: 3, landed: 2, acceptanceRate: 0.75 });
      expect(v['ranker-v2']).toMatchObject({ pairs: 2, routed: 2, accepted: 1, poc_started: 1, acceptanceRate: 0.5 });
      const byPlatform = await get('/v1/stats/breakdown?by=platform', h.admin.key);
      const centre = byPlatform.groups.find((g: { key: string | null }) => g.key === h.centreId);
      expect(centre).toMatchObject({ pairs: 1, poc_started: 1, poc_passed: 0 });
      expect(centre.label).toMatch(/概念验证中心/);
      const byManager = await get('/v1/stats/breakdown?by=manager', h.admin.key);
      expect(byManager.groups.map((g: { key: string; pairs: number }) => [g.key, g.pairs]).sort()).toEqual(
        [
          [h.m1.userId, 3],
          [h.m2.userId, 3],
        ].sort(),
      );
      const byDistrict = await get('/v1/stats/breakdown?by=district', h.m1.key);
      expect(byDistrict.groups).toHaveLength(1);
      expect(byDistrict.groups[0]).toMatchObject({ key: '吴兴区', needs: 2, pairs: 3, acceptanceRate: 0.6667 });
      await expectConforms(call, 'GET /v1/stats/breakdown', { status: 200, body: byVersion });
    });

    it('gives monthly and weekly series with empty periods filled', async () => {
      const monthly = await get('/v1/stats/series?interval=month', h.admin.key);
      expect(monthly.points).toEqual([
        { period: '2026-03-01', needsPosted: 3, accepted: 2, deals: 2, landings: 2 },
        { period: '2026-04-01', needsPosted: 1, accepted: 2, deals: 0, landings: 0 },
      ]);
      const weekly = await get('/v1/stats/series?interval=week', h.admin.key);
      expect(weekly.points).toHaveLength(6);
      expect(weekly.points[0]).toEqual({ period: '2026-03-02', needsPosted: 3, accepted: 2, deals: 2, landings: 2 });
      expect(weekly.points[1]).toEqual({ period: '2026-03-09', needsPosted: 0, accepted: 0, deals: 0, landings: 0 });
      expect(weekly.points[5]).toMatchObject({ period: '2026-04-06', needsPosted: 1 });
      const april = await get('/v1/stats/series?interval=month&from=2026-04-01', h.admin.key);
      expect(april.points).toHaveLength(1);
      await expectConforms(call, 'GET /v1/stats/series', { status: 200, body: monthly });
    });

    it('shows the annual targets with progress counted from the log and a linear projection', async () => {
      clock.set('2026-07-02T04:00:00.000Z'); // half of 2026 in UTC+8
      const body = await get('/v1/stats/targets', h.admin.key);
      expect(body.year).toBe(2026);
      expect(body.yearElapsed).toBe(0.5);
      const t = Object.fromEntries(body.targets.map((x: { id: string }) => [x.id, x]));
      expect(t.needs_solved).toMatchObject({ target: 1000, progress: 2, projection: 4 });
      expect(t.industrialised).toMatchObject({ target: 500, progress: 2, projection: 4 });
      expect(t.verification).toMatchObject({ target: 300, progress: 2, share: 0.0067, projection: 4 });
      expect(t.incubated).toMatchObject({ target: 200, progress: 0, projection: 0 });
      expect(t.managers_trained).toMatchObject({ target: 100, progress: 2, projection: 4 });
      expect(body.pocCentres).toEqual([
        { level: 'national', target: 1, registered: 0 },
        { level: 'provincial', target: 6, registered: 1 },
        { level: 'municipal', target: 20, registered: 0 },
      ]);
      const before = await get('/v1/stats/targets?year=2025', h.admin.key);
      expect(
        before.targets.every((x: { progress: number; projection: number }) => x.progress === 0 && x.projection === 0),
      ).toBe(true);
      await expectConforms(call, 'GET /v1/stats/targets', { status: 200, body });
    });

    it('moved the midway funnels as the history grew, and a rebuild from seq 0 equals the incremental projection', async () => {
      expect(midway).toHaveLength(2);
      expect(midway[0]).toMatchObject({ needs_posted: 3, reviewed: 3, landed: 2 });
      expect(midway[1]).toMatchObject({ needs_posted: 4, reviewed: 5, landed: 2 });
      expect(await catchUpStats(deps)).toBe(0);
      const incremental = await snapshot(deps);
      expect(incremental.pairs).toHaveLength(6);
      const replayed = await rebuildStats(deps);
      expect(replayed).toBeGreaterThan(40);
      expect(await snapshot(deps)).toEqual(incremental);
    });
  });
}

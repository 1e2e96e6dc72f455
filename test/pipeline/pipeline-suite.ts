import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { updateNeed } from '../../matching/needs/update-need.ts';
import { withdrawNeed } from '../../matching/needs/withdraw-need.ts';
import { ingestRecords } from '../../matching/pipeline/ingest-record.ts';
import { matchRecord, rankMatches } from '../../matching/pipeline/match-record.ts';
import { matchDocuments } from '../../schema/match-documents.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import { makePersona, type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

const battery = {
  title: '动力电池包液冷板轻量化与热管理优化',
  description:
    '现有铝制液冷板重量偏大，电芯温差超过5℃，希望在保证换热性能的前提下减重20%以上，并提升电池包热管理均温性。',
  chainId: null,
  keywords: ['液冷板', '热管理'],
};
const coolingPlate = {
  title: '新能源汽车电池包轻量化液冷板设计与均温热管理技术',
  abstract:
    '采用拓扑优化流道与复合材料液冷板，电池包热管理均温性提升，电芯最大温差控制在3℃以内，液冷板减重25%，已在整车企业完成装车验证。',
  chainId: 'nev',
  trl: 7,
};
const textileReuse = sampleAchievement();

/** Ingest → match → suggestions, on each database backend, with the real text pipeline and ranker. */
export function pipelineSuite(backend: Backend, serverUrl?: string) {
  describe(`matching pipeline on ${backend}`, () => {
    let deps: Deps;
    let drop: () => Promise<void>;
    let ent: Persona;
    let rival: Persona;
    let uni: Persona;
    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db);
      [ent, rival, uni] = await Promise.all([
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'enterprise'),
        makePersona(deps, 'institution'),
      ]);
    });
    afterAll(async () => drop?.());

    it('turns a posted need into routed-ready suggestions with features and a Chinese explanation', async () => {
      const plate = await createAchievement({ deps, actor: uni, input: coolingPlate });
      await createAchievement({ deps, actor: uni, input: textileReuse });
      const need = await createNeed({ deps, actor: ent, input: battery });
      await drainOutbox(deps);
      const [doc] = await deps.db.select().from(matchDocuments).where(eq(matchDocuments.recordId, need.id));
      expect(doc).toMatchObject({ chainId: 'nev', chainSource: 'classifier', status: 'open' });
      const rows = await deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
      expect(rows.map((r) => r.achievementId)).toEqual([plate.id]);
      const [pair] = rows;
      expect(pair?.modelVersion).toBe('ranker-v1');
      expect(pair?.features).toMatchObject({ chainAgreement: 1, maturityFit: expect.any(Number) });
      expect(JSON.stringify(pair?.explanation)).toMatch(/液冷板|热管理/);
      const routeJobs = await deps.db
        .select()
        .from(outbox)
        .where(eq(outbox.jobKey, `route-${pair?.id}`));
      expect(routeJobs).toHaveLength(1);
      expect(routeJobs[0]?.payload).toEqual({ suggestionIds: [pair?.id] });
    });

    it('never duplicates a pair, from either direction or on a re-run', async () => {
      const need = await createNeed({ deps, actor: ent, input: { ...battery, title: `${battery.title}（二期）` } });
      await drainOutbox(deps);
      const before = await deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
      await matchRecord({ deps, kind: 'need', id: need.id });
      for (const s of before) await matchRecord({ deps, kind: 'achievement', id: s.achievementId });
      const after = await deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
      expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
      const again = await ingestRecords({ deps, kind: 'need', ids: [need.id] });
      expect(again.changed).toBe(0);
    });

    it('follows edits and withdrawals through the index', async () => {
      const need = await createNeed({ deps, actor: ent, input: sampleNeed({ title: '织物染整废水回用' }) });
      await drainOutbox(deps);
      await updateNeed({
        deps,
        actor: ent,
        id: need.id,
        input: { title: '锂电池包液冷板减重', description: battery.description },
      });
      await drainOutbox(deps);
      const ranked = await rankMatches({ deps, kind: 'need', id: need.id, audience: { system: true }, limit: 5 });
      expect(ranked[0]?.explanation.sharedTerms.join()).toMatch(/液冷/);
      const open = await deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
      expect(open.length).toBeGreaterThan(0);
      await withdrawNeed({ deps, actor: ent, id: need.id });
      await drainOutbox(deps);
      expect(await rankMatches({ deps, kind: 'need', id: need.id, audience: { system: true }, limit: 5 })).toEqual([]);
      // Its proposals leave the queues with it, each with a system event saying why.
      const after = await deps.db.select().from(suggestions).where(eq(suggestions.needId, need.id));
      expect(after.map((s) => s.stage)).toEqual(open.map(() => 'withdrawn'));
      const events = await deps.db
        .select()
        .from(suggestionEvents)
        .where(
          inArray(
            suggestionEvents.suggestionId,
            after.map((s) => s.id),
          ),
        );
      expect(events.map((e) => e.data)).toEqual(open.map(() => ({ reason: 'need_withdrawn' })));
    });

    it("never shows another organisation's confidential need, even to a perfect match", async () => {
      const canary = `保密需求金丝雀${crypto.randomUUID().slice(0, 6)}`;
      const secret = await createNeed({
        deps,
        actor: rival,
        input: { ...battery, title: `${canary}液冷板热管理`, confidentiality: 'confidential' },
      });
      await drainOutbox(deps);
      const plate = await createAchievement({
        deps,
        actor: uni,
        input: { ...coolingPlate, title: `${coolingPlate.title}（B）` },
      });
      await drainOutbox(deps);
      const id = plate.id;
      const forInstitution = await rankMatches({
        deps,
        kind: 'achievement',
        id,
        audience: { orgId: uni.orgId },
        limit: 50,
      });
      expect(forInstitution.map((s) => s.needId)).not.toContain(secret.id);
      expect(JSON.stringify(forInstitution)).not.toContain(canary);
      const forSystem = await rankMatches({ deps, kind: 'achievement', id, audience: { system: true }, limit: 50 });
      expect(forSystem.map((s) => s.needId)).toContain(secret.id);
    });
  });
}

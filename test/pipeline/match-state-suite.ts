import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { decideNeedPairs, isDeadStage } from '../../matching/pipeline/decide-need-pairs.ts';
import { processIngest } from '../../matching/pipeline/ingest-record.ts';
import { matchRecord, processMatch } from '../../matching/pipeline/match-record.ts';
import { DEFAULT_CUTOFF } from '../../matching/ranking/cutoff.ts';
import { processRoute } from '../../matching/routing/route-suggestion.ts';
import { events } from '../../schema/events.ts';
import { needs } from '../../schema/needs.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { drainOutbox } from '../support/drain-outbox.ts';
import { makePersona, type Persona, sampleAchievement } from '../support/factories.ts';
import { insertAchievement, insertSuggestion, makeChain, makeManager } from '../support/pipeline-factories.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** A tea-garden need and the one achievement written for it: many shared specific words, nothing else alike. */
const teaNeed = {
  title: '茶园采茶机器人嫩芽视觉识别与柔性采摘',
  description:
    '安吉白茶茶园人工采茶成本高，希望引进采茶机器人，通过嫩芽视觉识别定位一芽一叶，柔性末端采摘不伤茶芽，采摘效率达到人工三倍以上。',
  keywords: ['采茶机器人', '嫩芽识别', '柔性采摘'],
};
const teaRobot = {
  title: '名优茶采茶机器人嫩芽视觉识别与柔性采摘技术',
  abstract:
    '研制名优茶采茶机器人，基于深度学习的嫩芽视觉识别定位一芽一叶，柔性末端执行器采摘不伤茶芽，在安吉白茶茶园试验采摘效率为人工三倍。',
  keywords: ['采茶机器人', '嫩芽识别', '柔性采摘'],
  trl: 6,
};
/** Unrelated to tea: textile wastewater, and a catalyst for it. */
const unrelated = [
  sampleAchievement(),
  sampleAchievement({
    title: '印染污泥低温干化与资源化利用',
    abstract: '印染污泥经低温干化后制备建材，含水率降至30%。',
  }),
];

const drainAll = (deps: Deps) =>
  drainOutbox(deps, ['ingest', 'match', 'route'], {
    ingest: processIngest,
    match: processMatch,
    route: (d: Deps, payload: unknown) => processRoute(d, payload),
  });

/** The cut-off in the match job: no_match_yet until something fits, at most maxPairs live pairs, dead pairs stay dead. */
export function matchStateSuite(backend: Backend, serverUrl?: string) {
  describe(`match state and the cut-off on ${backend}`, () => {
    let deps: Deps;
    let drop: () => Promise<void>;
    let ent: Persona;
    let uni: Persona;
    let chain: string;
    let managerId: string;
    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db);
      [ent, uni] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'institution')]);
      chain = await makeChain(deps);
      managerId = (await makeManager(deps, { chains: [chain], capacity: 50 })).userId;
      for (const a of unrelated) await createAchievement({ deps, actor: uni, input: { ...a, chainId: chain } });
      await drainAll(deps);
    });
    afterAll(async () => drop?.());

    const needRow = async (id: string) => {
      const [row] = await deps.db.select().from(needs).where(eq(needs.id, id));
      if (!row) throw new Error(`no need ${id}`);
      return row;
    };
    const pairsOf = (needId: string) => deps.db.select().from(suggestions).where(eq(suggestions.needId, needId));

    it('leaves a need with no fitting achievement no_match_yet, and matches it when one is published', async () => {
      const need = await createNeed({ deps, actor: ent, input: { ...teaNeed, chainId: chain } });
      await drainAll(deps);
      const waiting = await needRow(need.id);
      expect({ state: waiting.matchState, at: waiting.matchedAt, pairs: await pairsOf(need.id) }).toEqual({
        state: 'no_match_yet',
        at: null,
        pairs: [],
      });

      const robot = await createAchievement({ deps, actor: uni, input: { ...teaRobot, chainId: chain } });
      await drainAll(deps);
      const matched = await needRow(need.id);
      expect(matched.matchState).toBe('matched');
      expect(matched.matchedAt).toBeInstanceOf(Date);
      // A system write: the owner's version (ETag) does not move.
      expect(matched.updatedAt).toEqual(waiting.updatedAt);
      const pairs = await pairsOf(need.id);
      expect(pairs).toMatchObject([{ achievementId: robot.id, stage: 'routed', managerId, foundBy: 'achievement' }]);
      expect(pairs[0]?.relevance).toBeGreaterThanOrEqual(DEFAULT_CUTOFF.threshold);

      // The matcher's changes are in the event log, by system:matcher, with numbers and no record text.
      const logged = await deps.db
        .select()
        .from(events)
        .where(inArray(events.subjectId, [need.id, ...pairs.map((p) => p.id)]))
        .orderBy(asc(events.seq));
      const byMatcher = logged.filter((e) => e.actor === 'system:matcher');
      expect(byMatcher.map((e) => e.type)).toEqual([
        'need.match_state_changed',
        'suggestion.suggested',
        'need.match_state_changed',
      ]);
      expect(byMatcher.map((e) => e.data)).toMatchObject([
        { from: null, to: 'no_match_yet' },
        { needId: need.id, achievementId: robot.id, modelVersion: pairs[0]?.modelVersion, foundBy: 'achievement' },
        { from: 'no_match_yet', to: 'matched' },
      ]);
      expect(JSON.stringify(byMatcher)).not.toContain('采茶');
    });

    it('adds pairs only below maxPairs live ones, and never offers a dead pair again', async () => {
      const need = await createNeed({ deps, actor: ent, input: { ...teaNeed, title: `${teaNeed.title}（二期）` } });
      // Live pairs the need already holds, to achievements no longer in the index (so never selected again).
      const held: (typeof suggestions.$inferSelect)[] = [];
      for (let i = 0; i < DEFAULT_CUTOFF.maxPairs; i++) {
        const achievement = await insertAchievement(deps, uni.orgId, { chainId: chain, status: 'withdrawn' });
        held.push(await insertSuggestion(deps, { needId: need.id, achievementId: achievement.id }));
      }
      await drainAll(deps);
      const decision = await decideNeedPairs({ deps, needId: need.id });
      const best = decision?.selected[0];
      if (!best) throw new Error('the tea robot should fit the need');
      expect((await pairsOf(need.id)).map((p) => p.id).sort()).toEqual(held.map((p) => p.id).sort());

      // A dead pair frees its place: the next match adds exactly one, the decision's best.
      const [gone] = held;
      if (!gone) throw new Error('no held pair');
      await deps.db.update(suggestions).set({ stage: 'declined' }).where(eq(suggestions.id, gone.id));
      expect(await matchRecord({ deps, kind: 'need', id: need.id })).toMatchObject({ created: 1 });
      const added = (await pairsOf(need.id)).filter((p) => !held.some((h) => h.id === p.id));
      expect(added.map((p) => p.achievementId)).toEqual([best.achievementId]);
      const live = (await pairsOf(need.id)).filter((p) => !isDeadStage(p.stage));
      expect(live).toHaveLength(DEFAULT_CUTOFF.maxPairs);

      // Declined in turn, it is neither re-offered nor refreshed, though there is room again.
      const [pair] = added;
      if (!pair) throw new Error('no added pair');
      await deps.db.update(suggestions).set({ stage: 'declined' }).where(eq(suggestions.id, pair.id));
      await matchRecord({ deps, kind: 'need', id: need.id });
      await matchRecord({ deps, kind: 'achievement', id: pair.achievementId });
      const after = await pairsOf(need.id);
      expect(after.find((p) => p.id === pair.id)).toEqual({ ...pair, stage: 'declined' });
      expect(after.filter((p) => p.achievementId === pair.achievementId)).toHaveLength(1);
      const again = await decideNeedPairs({ deps, needId: need.id });
      expect(again?.selected.map((s) => s.achievementId)).not.toContain(pair.achievementId);
    });
  });
}

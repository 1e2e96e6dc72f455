import type { Actor } from '../../matching/core/actor.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { write } from '../../matching/core/write.ts';
import { recordOutcome } from '../../matching/outcomes/record-outcome.ts';
import { claimSuggestion } from '../../matching/queue/claim-suggestion.ts';
import { decideSuggestion } from '../../matching/queue/decide-suggestion.ts';
import { moveStage } from '../../matching/queue/move-stage.ts';
import { suggestions } from '../../schema/suggestions.ts';

type Step = { kind: string; platform?: string | undefined } & Record<string, unknown>;
export type DemoHistory = { need: number; achievement: number; manager: string; steps: Step[] };
type Ids = {
  needIds: string[];
  achievementIds: string[];
  platformIds: Map<string, string>;
  manager(key: string): Actor;
};

const day = 24 * 3600 * 1000;

/**
 * A lived-in history for some demo pairs: each pair is routed to its manager, claimed, accepted, contacted and
 * taken through its outcomes by the same verbs the API calls, on a clock set back in time, so the pair history,
 * the event log and the statistics see what a real year would have left. Later pairs start later.
 */
export async function loadDemoHistory(deps: Deps, histories: readonly DemoHistory[], ids: Ids): Promise<number> {
  const end = deps.clock.now().getTime() - 2 * day;
  let recorded = 0;
  for (const [i, h] of histories.entries()) {
    const needId = ids.needIds[h.need];
    const achievementId = ids.achievementIds[h.achievement];
    if (!needId || !achievementId) throw new Error(`demo history ${i} names a need or achievement not in the set`);
    const steps = h.steps.length + 3;
    let t = end - (steps * 9 + (i % 4) * 7) * day;
    const past: Deps = { ...deps, clock: { now: () => new Date(t) } };
    const tick = () => {
      t += 9 * day;
    };
    const actor = ids.manager(h.manager);
    const [pair] = await write(past, ({ tx, log }) =>
      tx
        .insert(suggestions)
        .values({
          needId,
          achievementId,
          score: 0.82,
          relevance: 0.74,
          features: {},
          modelVersion: 'demo-history',
          explanation: { summary: '演示数据：已对接的历史对子', sharedTerms: [], parts: [] },
          foundBy: 'need',
          stage: 'routed',
          managerId: actor.userId,
          routedAt: new Date(t),
          createdAt: new Date(t),
          updatedAt: new Date(t),
        })
        .returning({ id: suggestions.id })
        .then((rows) => {
          // Logged as the matcher and the router would have: statistics count the pair from here.
          for (const row of rows) {
            const at = new Date(t);
            const subject = { kind: 'suggestion' as const, id: row.id };
            const pairData = { needId, achievementId, score: 0.82, relevance: 0.74, modelVersion: 'demo-history' };
            const routing = { chosen: actor.userId, reason: 'demo' };
            log({
              actor: 'system:matcher',
              subject,
              orgId: null,
              type: 'suggestion.suggested',
              data: { ...pairData, foundBy: 'need', fromStage: null, toStage: 'suggested' },
              at,
            });
            log({
              actor: 'system:router',
              subject,
              orgId: null,
              type: 'suggestion.routed',
              data: { fromStage: 'suggested', toStage: 'routed', routing },
              at,
            });
          }
          return rows;
        }),
    );
    if (!pair) throw new Error('demo pair insert returned no row');
    const id = pair.id;
    await claimSuggestion({ deps: past, actor, id });
    await decideSuggestion({ deps: past, actor, id, input: { decision: 'accept' } });
    tick();
    await moveStage({ deps: past, actor, id, input: { to: 'contacted' } });
    for (const { platform, ...step } of h.steps) {
      tick();
      const platformId = platform ? ids.platformIds.get(platform) : undefined;
      if (platform && !platformId) throw new Error(`demo history ${i} names unknown platform ${platform}`);
      const landing = step.kind === 'landed' || step.kind === 'incubated';
      const input = {
        ...step,
        ...(platformId ? { platformId } : {}),
        ...(landing && !step.at ? { at: new Date(t).toISOString().slice(0, 10) } : {}),
      };
      await recordOutcome({ deps: past, actor, id, input });
      recorded += 1;
    }
  }
  return recorded;
}

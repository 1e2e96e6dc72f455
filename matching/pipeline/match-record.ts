import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { needs } from '../../schema/needs.ts';
import type { Deps } from '../core/deps.ts';
import { recordJobs } from '../core/outbox.ts';
import { parseInput } from '../core/validate.ts';
import type { RecordKind } from '../vectors/vector-index.ts';
import { decideNeedPairs, sharesEvidence } from './decide-need-pairs.ts';
import { recordRefPayload } from './listed.ts';
import { matchDepth, rankMatches } from './rank-matches.ts';
import { matchWork } from './record-ingest.ts';
import { storeNeedPairs } from './store-need-pairs.ts';

// Ranking moved to rank-matches.ts; re-exported for the evaluation, tests and scripts that read it from here.
export { matchDepth, rankAgainst, rankMatches } from './rank-matches.ts';

/** `foundBy` says which direction nominated the need's decision (an achievement's job nominates needs). */
export const matchPayload = recordRefPayload.extend({ foundBy: z.enum(['need', 'achievement']).optional() });

export async function processMatch(deps: Deps, payload: unknown) {
  const { kind, id, foundBy } = parseInput(matchPayload, payload);
  return matchRecord({ deps, kind, id, foundBy });
}

/**
 * The match job. Pairs are always decided in the need's direction, because the calibrated relevance and the
 * cap are per need: a need's job decides its own pairs in one transaction. An achievement's job (published or
 * changed) decides nothing itself: it records a match job for each `no_match_yet` need it ranks best among
 * those sharing a key term with it, so a need still waiting is matched when a fitting achievement arrives. Those jobs are keyed by the need, as the need's own is: while one is pending, more
 * nominations add nothing, so a batch of new achievements costs each need one decision, not one per
 * achievement (deciding inline held the embedded server's event loop for over a minute on the demo set).
 */
export async function matchRecord({
  deps,
  kind,
  id,
  foundBy = kind,
}: {
  deps: Deps;
  kind: RecordKind;
  id: string;
  foundBy?: RecordKind | undefined;
}) {
  if (kind === 'achievement') {
    const needIds = await needsToRedecide(deps, id);
    await recordJobs(
      deps.db,
      needIds.map((needId) => matchWork('need', needId, 'achievement')),
    );
    return { suggestions: 0, created: 0, nominated: needIds.length };
  }
  const decision = await decideNeedPairs({ deps, needId: id });
  if (!decision) return { suggestions: 0, created: 0 };
  const stored = await storeNeedPairs(deps, decision, foundBy);
  return { suggestions: stored.selected, created: stored.created };
}

/**
 * The achievement's best-ranked needs that share a key term with it. The reverse ranking's relevance is
 * relative to the achievement's crowd of needs, not calibrated for this direction, so it only nominates;
 * each need's own decision says whether the achievement is among its best.
 */
async function needsToRedecide(deps: Deps, achievementId: string): Promise<string[]> {
  const ranked = await rankMatches({
    deps,
    kind: 'achievement',
    id: achievementId,
    audience: { system: true },
    limit: matchDepth.candidates,
  });
  const nominated = ranked
    .filter(sharesEvidence)
    .slice(0, matchDepth.reverseNeeds)
    .map((s) => s.needId);
  if (nominated.length === 0) return [];
  // Only needs still waiting for their first pair. A need that has pairs is being worked; re-deciding it for
  // every new achievement cost each achievement ten need rankings (over a minute of the embedded server's
  // event loop on the demo set), and its manager is better served by the pairs it has until one is declined,
  // which re-matches it (decline-follow-up.ts).
  const waiting = await deps.db
    .select({ id: needs.id })
    .from(needs)
    .where(and(inArray(needs.id, nominated), eq(needs.matchState, 'no_match_yet')));
  const isWaiting = new Set(waiting.map((r) => r.id));
  return nominated.filter((needId) => isWaiting.has(needId));
}

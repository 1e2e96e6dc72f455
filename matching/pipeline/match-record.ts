import type { Deps } from '../core/deps.ts';
import { parseInput } from '../core/validate.ts';
import type { RecordKind } from '../vectors/vector-index.ts';
import { decideNeedPairs, sharesEvidence } from './decide-need-pairs.ts';
import { recordRefPayload } from './listed.ts';
import { matchDepth, rankMatches } from './rank-matches.ts';
import { storeNeedPairs } from './store-need-pairs.ts';

// Ranking moved to rank-matches.ts; re-exported for the evaluation, tests and scripts that read it from here.
export { matchDepth, rankAgainst, rankMatches } from './rank-matches.ts';

export const matchPayload = recordRefPayload;

export async function processMatch(deps: Deps, payload: unknown) {
  const { kind, id } = parseInput(matchPayload, payload);
  return matchRecord({ deps, kind, id });
}

/**
 * The match job. Pairs are always decided in the need's direction, because the calibrated relevance and the
 * cap are per need: a need's job decides its own pairs; an achievement's job (published or changed) re-decides
 * the needs it ranks best among those sharing a key term with it, so a `no_match_yet` need is matched when a
 * fitting achievement arrives. One transaction per need: a crash between needs leaves the done ones done, and
 * the retry decides them again to the same result (inserts ON CONFLICT DO NOTHING, deterministic route keys).
 */
export async function matchRecord({ deps, kind, id }: { deps: Deps; kind: RecordKind; id: string }) {
  const needIds = kind === 'need' ? [id] : await needsToRedecide(deps, id);
  let suggestions = 0;
  let created = 0;
  for (const needId of needIds) {
    const decision = await decideNeedPairs({ deps, needId });
    if (!decision) continue;
    const stored = await storeNeedPairs(deps, decision, kind);
    suggestions += stored.selected;
    created += stored.created;
  }
  return { suggestions, created };
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
  return ranked
    .filter(sharesEvidence)
    .slice(0, matchDepth.reverseNeeds)
    .map((s) => s.needId);
}

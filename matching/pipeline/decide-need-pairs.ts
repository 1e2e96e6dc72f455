import { and, eq, inArray } from 'drizzle-orm';
import type { suggestionStages } from '../../schema/enums.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Deps } from '../core/deps.ts';
import { DEFAULT_CUTOFF, selectRouted } from '../ranking/cutoff.ts';
import type { Suggestion } from '../ranking/suggestion.ts';
import { isListed } from './listed.ts';
import { rankAgainst } from './rank-matches.ts';

type Stage = (typeof suggestionStages)[number];

/** Stages after which a pair is over for good: its achievement is never offered to that need again. */
export const deadStages = ['declined', 'failed', 'withdrawn'] as const satisfies readonly Stage[];
export const isDeadStage = (stage: Stage) => (deadStages as readonly Stage[]).includes(stage);

/** What one need should hold pairs with now: the cut-off's choice among candidates not already dead for it. */
export type NeedDecision = { needId: string; selected: Suggestion[] };

/**
 * The production decision for one need, read-only: its achievements ranked as the system sees them, with the
 * achievements of its dead pairs left out of retrieval itself, then `selectRouted` at the default cut-off.
 * Leaving them out (rather than filtering after ranking) estimates relevance as if they were not in the pool,
 * which is how the abstention evaluation that chose the cut-off hides answers; so after a decline the next
 * candidate is judged against the crowd that remains. A pair sharing no key term has relevance 0
 * (rank-candidates.ts), so the cut-off alone decides, exactly as the abstention evaluation measures it.
 * Null when the need is not listed (nothing to decide).
 * Whether a selected candidate becomes a new pair depends on the need's live pairs (store-need-pairs.ts).
 */
export async function decideNeedPairs({ deps, needId }: { deps: Deps; needId: string }): Promise<NeedDecision | null> {
  const dead = await deps.db
    .select({ achievementId: suggestions.achievementId })
    .from(suggestions)
    .where(and(eq(suggestions.needId, needId), inArray(suggestions.stage, [...deadStages])));
  await deps.engine.sync();
  const self = deps.engine.get('need', needId);
  if (!self || !isListed('need', self.status)) return null;
  const ranked = await rankAgainst({
    deps,
    kind: 'need',
    profile: self.profile,
    ownOrgId: self.orgId,
    audience: { system: true },
    exclude: new Set(dead.map((d) => d.achievementId)),
  });
  return { needId, selected: selectRouted(ranked, DEFAULT_CUTOFF) };
}

/**
 * A pair whose records have no key term in common is retrieval noise, and its explanation says so. The need's
 * side gets it through relevance 0; the reverse direction, whose relevance is not calibrated, nominates on it.
 */
export const sharesEvidence = (s: Suggestion) => s.explanation.sharedTerms.length > 0;

import { computePairFeatures, type OutcomePriors, type RetrievalSignals } from './compute-features.ts';
import { type DiversityKey, type DiversityOptions, diversify } from './diversity.ts';
import { explainPair } from './explanation.ts';
import type { AchievementProfile, NeedProfile } from './pair-profiles.ts';
import { type RankerModel, scoreFeatures } from './ranker.ts';
import { rankerV1 } from './ranker-v1.ts';
import { estimateRelevance, relevanceInputs } from './relevance.ts';
import type { Suggestion } from './suggestion.ts';

export interface RankOptions {
  model?: RankerModel;
  /** false switches diversification off (e.g. to measure it). */
  diversity?: DiversityOptions | false;
  chainName?: (chainId: string) => string | undefined;
  priors?: (need: NeedProfile, achievement: AchievementProfile) => OutcomePriors | undefined;
}

interface Pair {
  need: NeedProfile;
  achievement: AchievementProfile;
  signals: RetrievalSignals;
}

/** Need → achievements: retrieval's candidates for one need, ranked on features and diversified by team. */
export function rankAchievementsForNeed(
  need: NeedProfile,
  candidates: readonly { achievement: AchievementProfile; signals: RetrievalSignals }[],
  options: RankOptions = {},
): Suggestion[] {
  const pairs = candidates.map((c) => ({ need, achievement: c.achievement, signals: c.signals }));
  return rankPairs(pairs, (p) => p.achievement, options);
}

/** Achievement → open needs: the same features with roles swapped; needs are diversified by enterprise. */
export function rankNeedsForAchievement(
  achievement: AchievementProfile,
  candidates: readonly { need: NeedProfile; signals: RetrievalSignals }[],
  options: RankOptions = {},
): Suggestion[] {
  const pairs = candidates.map((c) => ({ need: c.need, achievement, signals: c.signals }));
  return rankPairs(pairs, (p) => p.need, options);
}

function rankPairs(
  pairs: readonly Pair[],
  candidateOf: (p: Pair) => NeedProfile | AchievementProfile,
  options: RankOptions,
): Suggestion[] {
  const model = options.model ?? rankerV1;
  const bestLexical = pairs.reduce((m, p) => Math.max(m, p.signals.lexical), 0);
  const scored = pairs.map((pair) => {
    const { features, sharedTerms } = computePairFeatures({
      ...pair,
      bestLexical,
      priors: options.priors?.(pair.need, pair.achievement),
    });
    const { score, parts } = scoreFeatures(features, model);
    const suggestion: Suggestion = {
      needId: pair.need.id,
      achievementId: pair.achievement.id,
      score,
      relevance: 0,
      features: { ...features },
      modelVersion: model.version,
      explanation: explainPair({ ...pair, features, parts, sharedTerms, chainName: options.chainName }),
    };
    return { suggestion, lexical: pair.signals.lexical, key: diversityKey(candidateOf(pair)) };
  });
  // Ties keep retrieval order (stable sort), which is deterministic for a given index.
  scored.sort((a, b) => b.suggestion.score - a.suggestion.score);
  const ordered = options.diversity === false ? scored : diversify(scored, (s) => s.key, options.diversity);
  return withRelevance(ordered, pairs);
}

/** Relevance depends on a candidate's place in the final order (against the best and the next), so it comes last. */
function withRelevance(
  ordered: readonly { suggestion: Suggestion; lexical: number }[],
  pairs: readonly Pair[],
): Suggestion[] {
  const inputs = relevanceInputs(
    ordered.map((o) => ({ lexical: o.lexical, coverage: o.suggestion.features.keywordOverlap ?? 0 })),
    pairs.map((p) => p.signals.lexical),
  );
  return ordered.map((o, i) => {
    const input = inputs[i];
    // A pair whose records share no key term as a word is retrieval noise whatever it stands out from (on a
    // small pool a stray bigram can stand out far): a manager would not accept it, so its estimate is 0.
    const evidenced = o.suggestion.explanation.sharedTerms.length > 0;
    return { ...o.suggestion, relevance: input && evidenced ? estimateRelevance(input) : 0 };
  });
}

function diversityKey(candidate: NeedProfile | AchievementProfile): DiversityKey {
  return {
    orgId: candidate.orgId,
    teamLead: 'teamLead' in candidate ? candidate.teamLead : null,
    title: candidate.title,
  };
}

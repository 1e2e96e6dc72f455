import {
  chainAgreement,
  denseFeature,
  lexicalFeature,
  maturityFit,
  modeCompatibility,
  regionFit,
} from './feature-functions.ts';
import { clamp01, type FeatureVector, NEUTRAL } from './features.ts';
import { needTermCoverage } from './key-terms.ts';
import type { AchievementProfile, NeedProfile } from './pair-profiles.ts';
import { achievementTermsShared, needTermsShared } from './shared-evidence.ts';

/** Retrieval's per-signal values for one candidate (a MatchHit has exactly these). */
export interface RetrievalSignals {
  lexical: number;
  dense?: number | undefined;
}

/**
 * Outcome-based priors. No outcome data exists yet, so they stay neutral; the learn job is meant to fill
 * them (institution's past conversion rate, graded outcomes of similar past pairs) from the event log.
 */
export interface OutcomePriors {
  institutionTrackRecord?: number | undefined;
  similarPairOutcomes?: number | undefined;
}

export interface PairFeatureInput {
  need: NeedProfile;
  achievement: AchievementProfile;
  signals: RetrievalSignals;
  /** Best lexical score among this query's candidates, whichever side is the query. */
  bestLexical: number;
  priors?: OutcomePriors | undefined;
}

export interface PairFeatures {
  features: FeatureVector;
  /** Key terms the two records share as words (at most 5), the first part of an explanation. */
  sharedTerms: string[];
}

/** The same function serves need → achievements and achievement → needs: only the query side differs. */
export function computePairFeatures({
  need,
  achievement,
  signals,
  bestLexical,
  priors,
}: PairFeatureInput): PairFeatures {
  const coverage = needTermCoverage(need.keyTerms, achievement);
  return {
    features: {
      lexical: lexicalFeature(signals.lexical, bestLexical),
      dense: denseFeature(signals.dense),
      keywordOverlap: coverage ? coverage.value : NEUTRAL,
      chainAgreement: chainAgreement(need.chainId, achievement.chainId),
      maturityFit: maturityFit(achievement.trl, need.trlMin, need.trlMax),
      modeCompatibility: modeCompatibility(need.cooperationModes, achievement.transferModes),
      region: regionFit(need.region, achievement.region),
      institutionTrackRecord: clamp01(priors?.institutionTrackRecord ?? NEUTRAL),
      similarPairOutcomes: clamp01(priors?.similarPairOutcomes ?? NEUTRAL),
    },
    sharedTerms: sharedTerms(need, achievement),
  };
}

const MAX_SHARED_TERMS = 5;

/**
 * What the two records share as words: the need's key terms the achievement has as words (user keywords
 * first), then the achievement's key terms the need has as words. Not the coverage feature's looser test
 * (a need term inside an achievement term, or anywhere in its text), which named 铅炭电池 for a 钠离子电池
 * and "85" for two unrelated percentages. A term inside an already listed one (锂电 after 锂电池) adds nothing.
 */
function sharedTerms(need: NeedProfile, achievement: AchievementProfile): string[] {
  const out: string[] = [];
  const add = (t: string) => {
    if (out.length < MAX_SHARED_TERMS && !out.some((o) => o.includes(t) || t.includes(o))) out.push(t);
  };
  for (const t of needTermsShared(need, achievement)) add(t);
  for (const t of achievementTermsShared(need, achievement)) add(t);
  return out;
}

import type { RankerModel } from './ranker.ts';

/**
 * Hand-set first version, weights summing to 1. Lexical dominates because it is the only signal measured
 * to rank well (ADR 0002); the others are prior knowledge of what makes a pair workable, kept small enough
 * that they reorder close candidates without overturning a clear text match. Dense is small because the
 * local embedder earned no weight on the eval; an external embedder's weight must be set by re-running
 * scripts/eval.ts. The two outcome priors are neutral until the learn job fills them.
 */
export const rankerV1: RankerModel = {
  version: 'ranker-v1',
  weights: {
    lexical: 0.55,
    dense: 0.05,
    keywordOverlap: 0.1,
    chainAgreement: 0.08,
    maturityFit: 0.07,
    modeCompatibility: 0.05,
    region: 0.03,
    institutionTrackRecord: 0.03,
    similarPairOutcomes: 0.04,
  },
};

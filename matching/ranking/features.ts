/**
 * The named features every suggestion stores, each in [0, 1]. A learnt ranker version may reweight them
 * but must not change what a name means, or stored suggestions could no longer be explained or relearnt.
 */
export const FEATURE_NAMES = [
  'lexical',
  'dense',
  'keywordOverlap',
  'chainAgreement',
  'maturityFit',
  'modeCompatibility',
  'region',
  'institutionTrackRecord',
  'similarPairOutcomes',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

/** The value of a feature whose inputs are unknown: it then neither helps nor hurts any candidate. */
export const NEUTRAL = 0.5;

export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : NEUTRAL);

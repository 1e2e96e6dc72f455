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

const texts = ['need.title', 'need.description', 'achievement.title', 'achievement.abstract'] as const;

/**
 * The record fields each feature is computed from. A feature's value says something about its inputs (a
 * maturity fit of 1 tells that the achievement's TRL lies in the need's range), so an audience that may not
 * see an input is not shown the feature either (matching/disclosure/disclose-explanation.ts).
 */
export const FEATURE_INPUTS: Record<FeatureName, readonly `${'need' | 'achievement'}.${string}`[]> = {
  lexical: texts,
  dense: texts,
  keywordOverlap: [...texts, 'need.keywords', 'achievement.keywords'],
  chainAgreement: ['need.chainId', 'achievement.chainId'],
  maturityFit: ['need.trlMin', 'need.trlMax', 'achievement.trl'],
  modeCompatibility: ['need.cooperationModes', 'achievement.transferModes'],
  // Region and track record are properties of the owners: showing them would hint at who they are.
  region: ['need.orgId', 'achievement.orgId'],
  institutionTrackRecord: ['achievement.orgId'],
  similarPairOutcomes: texts,
};
export type FeatureVector = Record<FeatureName, number>;

/** The value of a feature whose inputs are unknown: it then neither helps nor hurts any candidate. */
export const NEUTRAL = 0.5;

export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : NEUTRAL);

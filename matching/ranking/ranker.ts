import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './features.ts';

/**
 * A ranker version is data: a name stored with every suggestion and one weight per feature. The learn job
 * produces new versions; one is promoted only when it evaluates better than the current one.
 */
export interface RankerModel {
  version: string;
  weights: Readonly<Record<FeatureName, number>>;
}

export interface ScorePart {
  feature: FeatureName;
  value: number;
  weight: number;
  contribution: number;
}

export interface RankerScore {
  score: number;
  /** Every feature's share of the score, in FEATURE_NAMES order. */
  parts: ScorePart[];
}

/** Linear: score = Σ wᵢ·fᵢ, so each part is directly a reason a manager can read. */
export function scoreFeatures(features: FeatureVector, model: RankerModel): RankerScore {
  const parts = FEATURE_NAMES.map((feature) => {
    const value = features[feature];
    const weight = model.weights[feature];
    return { feature, value, weight, contribution: value * weight };
  });
  return { score: parts.reduce((s, p) => s + p.contribution, 0), parts };
}

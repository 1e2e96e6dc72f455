import { clamp01, NEUTRAL } from './features.ts';
import type { RegionInfo } from './pair-profiles.ts';

/** BM25 relative to the best candidate of the same query: BM25 magnitudes differ per query, ratios do not. */
export function lexicalFeature(lexical: number, bestLexical: number): number {
  return bestLexical > 0 ? clamp01(lexical / bestLexical) : 0;
}

/** Cosine in [−1, 1] mapped to [0, 1]; without an embedding every candidate gets the same neutral value. */
export function denseFeature(cosine: number | undefined): number {
  return cosine === undefined ? NEUTRAL : clamp01((cosine + 1) / 2);
}

export function chainAgreement(needChain: string | null, achievementChain: string | null): number {
  if (!needChain || !achievementChain) return NEUTRAL;
  return needChain === achievementChain ? 1 : 0;
}

/**
 * Achievement TRL against the need's desired range: 1 inside, decaying per level outside. Too early
 * (below the range) decays faster than too mature (above it): an unproven result is the costlier miss
 * ("too early stage" is a decline reason), while a mature one can usually still be adapted.
 */
export function maturityFit(trl: number | null, trlMin: number | null, trlMax: number | null): number {
  if (trl === null || (trlMin === null && trlMax === null)) return NEUTRAL;
  if (trlMin !== null && trl < trlMin) return 0.5 ** (trlMin - trl);
  if (trlMax !== null && trl > trlMax) return 0.75 ** (trl - trlMax);
  return 1;
}

/** One cooperation mode both sides accept is enough for a deal, so any overlap is full compatibility. */
export function modeCompatibility(wanted: readonly string[], offered: readonly string[]): number {
  if (wanted.length === 0 || offered.length === 0) return NEUTRAL;
  return wanted.some((m) => offered.includes(m)) ? 1 : 0;
}

/**
 * Proximity as a bonus only: achievements are pooled nationwide, so a distant institution is not a worse
 * match, just not a nearer one. Same district 1, same city 0.75, same province 0.6, otherwise (different
 * or unknown) neutral 0.5.
 */
export function regionFit(a: RegionInfo | undefined, b: RegionInfo | undefined): number {
  const same = (x: string | null | undefined, y: string | null | undefined) => !!x && !!y && x === y;
  if (!a || !b) return NEUTRAL;
  if (same(a.district, b.district) && (same(a.city, b.city) || !a.city || !b.city)) return 1;
  if (same(a.city, b.city)) return 0.75;
  if (same(a.province, b.province)) return 0.6;
  return NEUTRAL;
}

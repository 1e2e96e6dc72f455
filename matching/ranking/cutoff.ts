/**
 * The production decision: which of a need's ranked candidates are stored and routed. Only candidates whose
 * calibrated relevance reaches the threshold, at most `maxPairs` of them; none is the honest "no match yet".
 * Chosen on both evaluation styles with one setting (ADR 0006); `npm run eval -- --abstain` measures it.
 */
export interface Cutoff {
  threshold: number;
  maxPairs: number;
}

export const DEFAULT_CUTOFF: Cutoff = { threshold: 0.2, maxPairs: 3 };

export function selectRouted<T extends { relevance: number }>(
  ranked: readonly T[],
  cutoff: Cutoff = DEFAULT_CUTOFF,
): T[] {
  return ranked.filter((c) => c.relevance >= cutoff.threshold).slice(0, cutoff.maxPairs);
}

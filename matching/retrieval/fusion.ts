import type { Scored } from './top-k.ts';

/**
 * Reciprocal rank fusion (Cormack et al. 2009): needs no score calibration, so it is the safe choice
 * when one list comes from a backend whose scores are not comparable (Qdrant, an external embedder).
 */
export function reciprocalRankFusion(lists: readonly (readonly Scored[])[], k = 60): Scored[] {
  const fused = new Map<number, number>();
  for (const list of lists) {
    for (const [rank, hit] of list.entries()) fused.set(hit.doc, (fused.get(hit.doc) ?? 0) + 1 / (k + rank + 1));
  }
  return sortScores(fused);
}

export interface WeightedList {
  hits: readonly Scored[];
  weight: number;
}

/**
 * Weighted sum of scores, each list divided by its best score first so a weight means the same thing
 * for every query. Keeps score magnitudes, which RRF throws away: on the title→abstract data the lexical
 * margin between first and second place is informative.
 */
export function linearFusion(lists: readonly WeightedList[]): Scored[] {
  const fused = new Map<number, number>();
  for (const { hits, weight } of lists) {
    const best = hits.reduce((m, h) => Math.max(m, h.score), 0);
    if (best <= 0 || weight === 0) continue;
    for (const hit of hits) fused.set(hit.doc, (fused.get(hit.doc) ?? 0) + (weight * hit.score) / best);
  }
  return sortScores(fused);
}

function sortScores(scores: ReadonlyMap<number, number>): Scored[] {
  return [...scores.entries()]
    .map(([doc, score]) => ({ doc, score }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
}

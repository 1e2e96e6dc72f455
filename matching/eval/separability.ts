import { estimateRelevance, type RelevanceModel } from '../ranking/relevance.ts';
import type { CalibrationQuery } from './calibration.ts';

/**
 * What limits the cut-off, apart from the ranking: how well a relevance model tells a query whose answer is in
 * the pool from one whose answer is not, by the best estimate among its routable candidates. Any cut-off must
 * make that call before it picks pairs, so these bound what tuning the threshold or the pair count can reach;
 * a new signal (outcomes, an embedder, an LLM check) is worth shipping only if it raises them on both styles.
 */
export interface Separability {
  /** Area under the ROC curve of that best estimate, answerable against unanswerable queries. */
  auc: number;
  /**
   * The largest answered recall any threshold on it allows while staying silent on `abstention` of the
   * unanswerable queries, routing every routable candidate (whatever that does to precision): an upper bound.
   */
  recallCeiling: number;
}

const bestEstimate = (q: CalibrationQuery, model: RelevanceModel) =>
  q.candidates.reduce((m, c) => (c.evidenced ? Math.max(m, estimateRelevance(c.inputs, model)) : m), 0);

const holdsAnswer = (q: CalibrationQuery) => q.candidates.some((c) => c.relevant && c.evidenced);

export function separability(
  queries: readonly CalibrationQuery[],
  model: RelevanceModel,
  abstention = 0.5,
): Separability {
  const answerable = queries.filter((q) => !q.hidden);
  const positive = answerable.map((q) => bestEstimate(q, model));
  const negative = queries.filter((q) => q.hidden).map((q) => bestEstimate(q, model));
  if (positive.length === 0 || negative.length === 0) return { auc: 0.5, recallCeiling: 0 };
  let wins = 0;
  for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
  // Staying silent on the lowest-scored share of unanswerable queries: route only above the highest of those.
  const ascending = [...negative].sort((a, b) => a - b);
  const bar = ascending[Math.max(Math.ceil(abstention * ascending.length) - 1, 0)] ?? 0;
  const reached = answerable.filter((q, i) => (positive[i] ?? 0) > bar && holdsAnswer(q)).length;
  return { auc: wins / (positive.length * negative.length), recallCeiling: reached / answerable.length };
}

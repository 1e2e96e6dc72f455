import type { Cutoff } from '../ranking/cutoff.ts';
import {
  estimateRelevance,
  RELEVANCE_INPUTS,
  type RelevanceInput,
  type RelevanceModel,
  relevanceInputs,
} from '../ranking/relevance.ts';
import type { MatchHit } from '../retrieval/match-index.ts';
import { createRoutedTally, type RoutedReport } from './abstention.ts';
import type { Judgments } from './metrics.ts';

/**
 * Fitting and checking the relevance estimate (ranking/relevance.ts) on evaluation queries: what
 * scripts/calibrate-relevance.ts runs and ADR 0006 reports. Only the candidates the cut-off can route
 * (the top `maxPairs` of each query) are rows, since those are the only ones whose estimate decides anything.
 */
export interface CalibrationCandidate {
  id: string;
  relevant: boolean;
  /** Shares a key term with the query; without one the ranker sets relevance 0 whatever the model says. */
  evidenced: boolean;
  inputs: Record<RelevanceInput, number>;
}

export interface CalibrationQuery {
  hidden: boolean;
  judgments: Judgments;
  candidates: CalibrationCandidate[];
}

/** One query's ranked hits (as a ranking MatchIndex returns them, all retrieved) → its routable candidates. */
export function calibrationQuery(
  hits: readonly MatchHit[],
  judgments: Judgments,
  hidden: boolean,
  top: number,
): CalibrationQuery {
  const inputs = relevanceInputs(
    hits.map((h) => ({ lexical: h.lexical, coverage: h.features?.keywordOverlap ?? 0 })),
    hits.map((h) => h.lexical),
  );
  const candidates = hits.slice(0, top).flatMap((h, i) => {
    const input = inputs[i];
    if (!input) return [];
    return [{ id: h.id, relevant: (judgments.get(h.id) ?? 0) > 0, evidenced: (h.relevance ?? 0) > 0, inputs: input }];
  });
  return { hidden, judgments, candidates };
}

/** The routed-pair report of one split under a model and cut-off, by the abstention evaluation's own tally. */
export function routedReport(
  queries: readonly CalibrationQuery[],
  model: RelevanceModel,
  cutoff: Cutoff,
): RoutedReport {
  const tally = createRoutedTally(cutoff);
  for (const q of queries) {
    const hits = q.candidates.map((c) => ({
      id: c.id,
      score: 0,
      lexical: 0,
      relevance: c.evidenced ? estimateRelevance(c.inputs, model) : 0,
    }));
    tally.add(hits, q.judgments, q.hidden);
  }
  return tally.report();
}

export interface WeightedRow {
  x: readonly number[];
  y: 0 | 1;
  weight: number;
}

/**
 * Weighted logistic regression by Newton's method (iteratively reweighted least squares) with a small ridge
 * penalty, which keeps it well-posed when a feature separates the classes. x excludes the intercept.
 */
export function fitLogistic(rows: readonly WeightedRow[], { ridge = 1e-3, iterations = 50 } = {}): number[] {
  const dims = (rows[0]?.x.length ?? 0) + 1;
  const beta = new Array<number>(dims).fill(0);
  for (let iter = 0; iter < iterations; iter++) {
    const gradient = new Array<number>(dims).fill(0);
    const hessian = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    for (const row of rows) {
      const x = [1, ...row.x];
      const z = x.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let j = 0; j < dims; j++) {
        gradient[j] = (gradient[j] ?? 0) + row.weight * ((p - row.y) * (x[j] ?? 0));
        const hj = hessian[j] ?? [];
        for (let k = 0; k < dims; k++) hj[k] = (hj[k] ?? 0) + row.weight * p * (1 - p) * (x[j] ?? 0) * (x[k] ?? 0);
      }
    }
    for (let j = 1; j < dims; j++) {
      gradient[j] = (gradient[j] ?? 0) + ridge * (beta[j] ?? 0);
      const hj = hessian[j] ?? [];
      hj[j] = (hj[j] ?? 0) + ridge;
    }
    const step = solve(hessian, gradient);
    let moved = 0;
    for (let j = 0; j < dims; j++) {
      beta[j] = (beta[j] ?? 0) - (step[j] ?? 0);
      moved = Math.max(moved, Math.abs(step[j] ?? 0));
    }
    if (moved < 1e-9) break;
  }
  return beta;
}

/** Gaussian elimination with partial pivoting; the systems here are 6 × 6. */
function solve(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const head = a[col] ?? [];
    const lead = head[col] ?? 0;
    if (Math.abs(lead) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] ?? [];
      const factor = (row[col] ?? 0) / lead;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (head[c] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}

/** Rows for the fit: every routable candidate, each split weighted equally whatever its size. */
export function weightedRows(splits: readonly (readonly CalibrationQuery[])[]): WeightedRow[] {
  return splits.flatMap((queries) => {
    // A candidate without shared evidence is 0 by rule, so it says nothing about the model's weights.
    const candidates = queries.flatMap((q) => q.candidates.filter((c) => c.evidenced));
    return candidates.map((c) => ({
      x: RELEVANCE_INPUTS.map((name) => c.inputs[name]),
      y: c.relevant ? 1 : 0,
      weight: 1 / Math.max(candidates.length, 1),
    }));
  });
}

export function modelFrom(version: string, beta: readonly number[]): RelevanceModel {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    version,
    intercept: round(beta[0] ?? 0),
    weights: Object.fromEntries(RELEVANCE_INPUTS.map((name, j) => [name, round(beta[j + 1] ?? 0)])) as Record<
      RelevanceInput,
      number
    >,
  };
}

/** The targets the cut-off must meet on every split (issue 8): how far a report is above each, at worst. */
export const ROUTED_TARGETS = { precision: 0.5, answeredRecall: 0.9, abstention: 0.5 } as const;

export function worstSlack(report: RoutedReport): number {
  return Math.min(
    report.precision - ROUTED_TARGETS.precision,
    report.answeredRecall - ROUTED_TARGETS.answeredRecall,
    report.abstention - ROUTED_TARGETS.abstention,
  );
}

/**
 * A calibrated estimate that a manager would accept a pair, comparable across needs. The ranking score only
 * orders one need's candidates (its lexical part is relative to the query's best), so the best of five poor
 * candidates scores like the best of five good ones; this estimate asks instead how far a candidate stands
 * out from the crowd the query retrieves, which is what separates "the answer" from "on the same topic".
 * Fitted by logistic regression on both evaluation styles (ADR 0006, scripts/calibrate-relevance.ts).
 */
export interface RelevanceModel {
  version: string;
  intercept: number;
  weights: Readonly<Record<RelevanceInput, number>>;
}

export const RELEVANCE_INPUTS = ['standout', 'toBest', 'toNext', 'coverage', 'first'] as const;
export type RelevanceInput = (typeof RELEVANCE_INPUTS)[number];

/** Fitted on csl-title2abs dev + needs-dev (each split weighted equally), top three ranked candidates per query. */
export const relevanceV1: RelevanceModel = {
  version: 'relevance-v1',
  intercept: -4.022,
  weights: { standout: 2.612, toBest: 6.176, toNext: 4.341, coverage: 0.796, first: 0.75 },
};

/** What the estimate reads of one ranked candidate: its raw BM25 and the key-term coverage feature. */
export interface RankedEvidence {
  lexical: number;
  coverage: number;
}

/** Ranks 4–10 of retrieval are the query's crowd: on-topic neighbours, rarely the answer itself. */
const CROWD = { from: 3, to: 10 };
const FLOOR = 1e-9;

/**
 * The inputs for each candidate of one query's ranked list (ranked order), given every retrieved candidate's
 * raw BM25 (any order). On a pool too small to have a crowd, the other candidates stand in for it; with a
 * single candidate, it is taken to stand out twofold (a prior, neither a pass nor a fail on its own).
 */
export function relevanceInputs(
  ranked: readonly RankedEvidence[],
  retrievedLexical: readonly number[],
): Record<RelevanceInput, number>[] {
  const sorted = [...retrievedLexical].sort((a, b) => b - a);
  const crowd = sorted.length > CROWD.from ? sorted.slice(CROWD.from, CROWD.to) : sorted.slice(1);
  const crowdMean = crowd.length > 0 ? crowd.reduce((s, x) => s + x, 0) / crowd.length : undefined;
  const best = Math.max(ranked[0]?.lexical ?? 0, FLOOR);
  return ranked.map((c, i) => {
    const raw = Math.max(c.lexical, FLOOR);
    const next = ranked[i + 1];
    return {
      standout: Math.log(raw / Math.max(crowdMean ?? raw / 2, FLOOR)),
      toBest: Math.log(raw / best),
      toNext: Math.log(raw / Math.max(next ? next.lexical : raw / 2, FLOOR)),
      coverage: c.coverage,
      first: i === 0 ? 1 : 0,
    };
  });
}

export function estimateRelevance(inputs: Record<RelevanceInput, number>, model: RelevanceModel = relevanceV1) {
  const z = RELEVANCE_INPUTS.reduce((sum, name) => sum + model.weights[name] * inputs[name], model.intercept);
  return 1 / (1 + Math.exp(-z));
}

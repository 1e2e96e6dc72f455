import { describe, expect, it } from 'vitest';
import { createRoutedTally, isUnanswerable } from '../../matching/eval/abstention.ts';
import { calibrationQuery, fitLogistic, routedReport, worstSlack } from '../../matching/eval/calibration.ts';
import { separability } from '../../matching/eval/separability.ts';
import { type RelevanceModel, relevanceV1 } from '../../matching/ranking/relevance.ts';

/** A small deterministic generator, so the synthetic fit is the same on every run. */
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32;
  };
}

describe('the abstention tally', () => {
  it('hides a stable half of the queries', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `q${i}`);
    const hidden = ids.filter(isUnanswerable).length;
    expect(hidden / ids.length).toBeGreaterThan(0.45);
    expect(hidden / ids.length).toBeLessThan(0.55);
    expect(ids.filter(isUnanswerable)).toEqual(ids.filter(isUnanswerable));
  });

  it('counts routed precision, answered recall, abstention and pairs per need', () => {
    const tally = createRoutedTally({ threshold: 0.5, maxPairs: 2 });
    const judged = new Map([['right', 1]]);
    const hit = (id: string, relevance: number) => ({ id, score: 0, lexical: 0, relevance });
    // Answerable, answer routed with one wrong pair; the third is over the cap.
    tally.add([hit('wrong', 0.9), hit('right', 0.8), hit('other', 0.7)], judged, false);
    // Answerable, answer below the threshold: nothing relevant routed.
    tally.add([hit('wrong', 0.6), hit('right', 0.4)], judged, false);
    // Unanswerable: one routes nothing, one routes a pair.
    tally.add([hit('wrong', 0.3)], judged, true);
    tally.add([hit('wrong', 0.55)], judged, true);
    expect(tally.report()).toEqual({
      precision: 1 / 4,
      answeredRecall: 1 / 2,
      abstention: 1 / 2,
      perNeed: 4 / 4,
      answerable: 2,
      unanswerable: 2,
    });
  });
});

describe('calibrating the relevance estimate', () => {
  it('recovers the coefficients of a known logistic model', () => {
    const random = lcg(7);
    const truth = [-1, 2, -3];
    const rows = Array.from({ length: 20000 }, () => {
      const x = [random() * 4 - 2, random() * 2 - 1];
      const z = (truth[0] ?? 0) + (truth[1] ?? 0) * (x[0] ?? 0) + (truth[2] ?? 0) * (x[1] ?? 0);
      return { x, y: random() < 1 / (1 + Math.exp(-z)) ? (1 as const) : (0 as const), weight: 1 };
    });
    const beta = fitLogistic(rows);
    for (const [j, b] of truth.entries()) expect(beta[j]).toBeCloseTo(b, 0);
  });

  it('labels only the routable candidates and reports them as the eval tally would', () => {
    const hits = [
      { id: 'a', score: 0.9, lexical: 30, relevance: 0.9, features: { keywordOverlap: 1 } },
      { id: 'b', score: 0.5, lexical: 10, relevance: 0.1, features: { keywordOverlap: 0.4 } },
      ...Array.from({ length: 10 }, (_, i) => ({
        id: `c${i}`,
        score: 0.1,
        lexical: 5,
        features: { keywordOverlap: 0 },
      })),
    ];
    const judgments = new Map([['a', 1]]);
    const query = calibrationQuery(hits, judgments, false, 3);
    expect(query.candidates.map((c) => [c.id, c.relevant])).toEqual([
      ['a', true],
      ['b', false],
      ['c0', false],
    ]);
    // The answer stands out from a flat crowd: the shipped model routes it, and only it, at 0.2.
    const report = routedReport([query], relevanceV1, { threshold: 0.2, maxPairs: 3 });
    expect(report).toMatchObject({ precision: 1, answeredRecall: 1, perNeed: 1 });
    expect(worstSlack({ ...report, abstention: 0.6 })).toBeCloseTo(0.1);
    // A candidate the ranker gave 0 (no shared key term) stays 0 whatever the model would say.
    const unevidenced = calibrationQuery([{ ...hits[0], relevance: 0 } as (typeof hits)[number]], judgments, false, 3);
    expect(routedReport([unevidenced], relevanceV1, { threshold: 0.2, maxPairs: 3 })).toMatchObject({ perNeed: 0 });
  });
});

describe('separating answerable from unanswerable queries', () => {
  // Relevance = sigmoid(standout), so a query's best estimate orders as its best candidate's standout.
  const byStandout: RelevanceModel = {
    version: 'test',
    intercept: 0,
    weights: { standout: 1, toBest: 0, toNext: 0, coverage: 0, first: 0 },
  };
  const candidate = (standout: number, relevant: boolean, evidenced = true) => ({
    id: `${standout}`,
    relevant,
    evidenced,
    inputs: { standout, toBest: 0, toNext: 0, coverage: 0, first: 1 },
  });
  const query = (hidden: boolean, ...candidates: ReturnType<typeof candidate>[]) => ({
    hidden,
    judgments: new Map<string, number>(),
    candidates,
  });

  it('measures the ROC area and the recall a threshold could reach while silent on half the rest', () => {
    const queries = [
      query(false, candidate(3, true)),
      query(false, candidate(0, false), candidate(-2, true)),
      query(true, candidate(1, false)),
      // An unevidenced candidate is relevance 0 by rule, so it does not lift its query's best estimate.
      query(true, candidate(-1, false), candidate(5, false, false)),
    ];
    // Answerable best estimates σ(3), σ(0) against σ(1), σ(−1): three of the four pairs are ordered right.
    // Silent on the lower half of the unanswerable (σ(−1)) both answerable queries are routed, answers included.
    expect(separability(queries, byStandout)).toEqual({ auc: 3 / 4, recallCeiling: 1 });
    // Silent on all of them the bar is σ(1): only the first answerable query stays above it.
    expect(separability(queries, byStandout, 1)).toEqual({ auc: 3 / 4, recallCeiling: 1 / 2 });
  });

  it('does not count a routed query whose answer is not among its routable candidates', () => {
    const queries = [query(false, candidate(3, false)), query(true, candidate(0, false))];
    expect(separability(queries, byStandout)).toEqual({ auc: 1, recallCeiling: 0 });
  });
});

/**
 * Ranking metrics as trec_eval / BEIR compute them: graded gain is the relevance grade itself (linear),
 * discount log2(rank + 1), and documents graded 0 count as not relevant.
 */

/** Document id → relevance grade for one query. */
export type Judgments = ReadonlyMap<string, number>;

export function dcgAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranking.length); i++) {
    const grade = judgments.get(ranking[i] ?? '') ?? 0;
    if (grade > 0) dcg += grade / Math.log2(i + 2);
  }
  return dcg;
}

export function ndcgAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  const ideal = [...judgments.entries()]
    .filter(([, grade]) => grade > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
  const idcg = dcgAtK(ideal, judgments, k);
  return idcg === 0 ? 0 : dcgAtK(ranking, judgments, k) / idcg;
}

export function recallAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  let relevant = 0;
  for (const grade of judgments.values()) if (grade > 0) relevant++;
  if (relevant === 0) return 0;
  let found = 0;
  for (const id of ranking.slice(0, k)) if ((judgments.get(id) ?? 0) > 0) found++;
  return found / relevant;
}

export function mrrAtK(ranking: readonly string[], judgments: Judgments, k: number): number {
  for (let i = 0; i < Math.min(k, ranking.length); i++) {
    if ((judgments.get(ranking[i] ?? '') ?? 0) > 0) return 1 / (i + 1);
  }
  return 0;
}

export interface MetricSummary {
  ndcg10: number;
  recall100: number;
  mrr10: number;
  n: number;
}

export function scoreRanking(ranking: readonly string[], judgments: Judgments): Omit<MetricSummary, 'n'> {
  return {
    ndcg10: ndcgAtK(ranking, judgments, 10),
    recall100: recallAtK(ranking, judgments, 100),
    mrr10: mrrAtK(ranking, judgments, 10),
  };
}

export function meanMetrics(rows: readonly Omit<MetricSummary, 'n'>[]): MetricSummary {
  const n = rows.length;
  const mean = (pick: (r: Omit<MetricSummary, 'n'>) => number) =>
    n === 0 ? 0 : rows.reduce((sum, r) => sum + pick(r), 0) / n;
  return { ndcg10: mean((r) => r.ndcg10), recall100: mean((r) => r.recall100), mrr10: mean((r) => r.mrr10), n };
}

import type { Cutoff } from '../ranking/cutoff.ts';
import type { MatchIndex } from '../retrieval/match-index.ts';
import { createRoutedTally, isUnanswerable, type RoutedReport } from './abstention.ts';
import type { EvalSplit } from './dataset.ts';
import { type MetricSummary, meanMetrics, scoreRanking } from './metrics.ts';

/** Queries whose title shares less than half its CJK bigrams with the abstract: the vocabulary gap. */
export const LOW_OVERLAP_THRESHOLD = 0.5;

export interface EvalReport extends MetricSummary {
  low: MetricSummary;
  /** Time spent in `prepare` (fitting a corpus-learnt embedder), excluded from indexMs. */
  fitMs: number;
  indexMs: number;
  searchMs: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** With `abstain`: the production decision's quality; the ranking metrics are then over answerable queries. */
  routed?: RoutedReport;
}

export interface EvalProgress {
  phase: 'index' | 'search';
  done: number;
  total: number;
  elapsedMs: number;
}

export interface RunEvalInput {
  split: EvalSplit;
  index: MatchIndex;
  /** Called before indexing, e.g. to fit a corpus-learnt embedder on the same texts. */
  prepare?: (corpusTexts: string[]) => Promise<void>;
  onProgress?: (p: EvalProgress) => void;
  batchSize?: number;
  depth?: number;
  /** Hide the answers of half the queries and measure the cut-off (abstention.ts). */
  abstain?: { cutoff: Cutoff } | undefined;
}

export const documentText = (d: { title: string; text: string }): string =>
  d.title ? `${d.title}\n${d.text}` : d.text;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export async function runEval(input: RunEvalInput): Promise<EvalReport> {
  const { split, index, onProgress } = input;
  const batchSize = input.batchSize ?? 500;
  const fitStarted = performance.now();
  if (input.prepare) await input.prepare(split.corpus.map(documentText));
  const fitMs = performance.now() - fitStarted;
  const started = performance.now();
  for (let i = 0; i < split.corpus.length; i += batchSize) {
    const batch = split.corpus.slice(i, i + batchSize);
    await index.add(batch.map((d) => ({ id: d.id, text: documentText(d) })));
    onProgress?.({
      phase: 'index',
      done: i + batch.length,
      total: split.corpus.length,
      elapsedMs: performance.now() - started,
    });
  }
  const indexMs = performance.now() - started;

  const judged = split.queries.filter((q) => split.qrels.has(q.id));
  const rows: ReturnType<typeof scoreRanking>[] = [];
  const lowRows: typeof rows = [];
  const latencies: number[] = [];
  const tally = input.abstain ? createRoutedTally(input.abstain.cutoff) : undefined;
  const searchStarted = performance.now();
  for (const [i, q] of judged.entries()) {
    const judgments = split.qrels.get(q.id) ?? new Map<string, number>();
    const hidden = tally !== undefined && isUnanswerable(q.id);
    const exclude = hidden ? new Set([...judgments.keys()]) : undefined;
    const t0 = performance.now();
    const hits = await index.search(q.text, input.depth ?? 100, { exclude });
    latencies.push(performance.now() - t0);
    tally?.add(hits, judgments, hidden);
    if (!hidden) {
      const metrics = scoreRanking(
        hits.map((h) => h.id),
        judgments,
      );
      rows.push(metrics);
      if (q.overlap !== undefined && q.overlap < LOW_OVERLAP_THRESHOLD) lowRows.push(metrics);
    }
    if ((i + 1) % 250 === 0 || i + 1 === judged.length) {
      onProgress?.({
        phase: 'search',
        done: i + 1,
        total: judged.length,
        elapsedMs: performance.now() - searchStarted,
      });
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    ...meanMetrics(rows),
    low: meanMetrics(lowRows),
    fitMs,
    indexMs,
    searchMs: performance.now() - searchStarted,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    ...(tally ? { routed: tally.report() } : {}),
  };
}

/**
 * Retrieval benchmark: the project's engine against MiniSearch and Orama, in one process, on one
 * BEIR-style folder (corpus.jsonl, SPLIT/queries.jsonl, SPLIT/qrels.tsv).
 *
 *   npm run bench:retrieval -- --data ../shared/eval/csl-title2abs --split dev [--json] [--warmup 20]
 *     [--ranker v1|none] [--diversity on|off]   as in scripts/eval.ts (defaults v1, on)
 *
 * Every system goes through the eval's own `runEval` (same loading, same 500-doc indexing batches, same
 * depth 100, same metrics and low-overlap rule); "ours" is what `scripts/eval.ts` builds with its
 * defaults: `createMemoryMatchIndex()` retrieval, then ranker-v1 with diversification (matching/eval/eval-engine.ts;
 * `--ranker none` measures retrieval alone). One-time setup (loading a jieba dictionary, creating the
 * empty index) is timed separately and kept out of the indexing throughput for every system.
 * Each query is timed on its own with performance.now(), after a few untimed warm-up queries.
 *
 * Ratio directions (human output and JSON): every ratio is > 1 when ours is better.
 *   ndcg10, docs_per_s: ours / peer        p50, p95: peer / ours (how many times faster ours is)
 * With --json the last stdout line is one JSON object with all figures and ratios.
 */
import { parseArgs } from 'node:util';
import { type CorpusDoc, loadEvalSplit } from '../matching/eval/dataset.ts';
import { createEvalEngine } from '../matching/eval/eval-engine.ts';
import { type EvalProgress, type EvalReport, runEval } from '../matching/eval/run-eval.ts';
import type { MatchIndex } from '../matching/retrieval/match-index.ts';
import { jieba } from '../matching/text/segment.ts';
import { createMiniSearchPeer } from './bench/minisearch-peer.ts';
import { createOramaPeer } from './bench/orama-peer.ts';
import { peerMatchIndex } from './bench/peer.ts';
import { median, p95 } from './bench/percentiles.ts';
import { timedIndex } from './bench/timed-index.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    split: { type: 'string', default: 'dev' },
    json: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '20' },
    ranker: { type: 'string', default: 'v1' },
    diversity: { type: 'string', default: 'on' },
  },
});

const warmupCount = Number(values.warmup);
const ranker = values.ranker === 'v1' || values.ranker === 'none' ? values.ranker : undefined;
if (
  !values.data ||
  !Number.isInteger(warmupCount) ||
  warmupCount < 0 ||
  !ranker ||
  !['on', 'off'].includes(values.diversity)
) {
  process.stderr.write(
    'usage: tsx scripts/bench-retrieval.ts --data DIR --split NAME [--json] [--warmup N] [--ranker v1|none] [--diversity on|off]\n',
  );
  process.exit(2);
}

const split = await loadEvalSplit(values.data, values.split);
process.stderr.write(`loaded ${split.corpus.length} docs, ${split.queries.length} queries (${values.split})\n`);

// Warm-up queries are snippets of evenly spaced documents, not queries of the split: they exercise the
// same code paths without touching anything that is measured.
const warmupQueries = Array.from({ length: Math.min(warmupCount, split.corpus.length) }, (_, i) => {
  const doc = split.corpus[Math.floor((i * split.corpus.length) / Math.max(warmupCount, 1))];
  return (doc?.text ?? '').slice(0, 24);
});

interface SystemResult {
  name: string;
  report: EvalReport;
  setupMs: number;
  docsPerS: number;
  p50Ms: number;
  p95Ms: number;
  queries: number;
}

interface SystemSpec {
  name: string;
  /** Builds the empty index; timed as setup. */
  create: () => MatchIndex;
  /** Extra one-time setup run by runEval before indexing (timed as setup, not indexing). */
  prepare?: () => Promise<void>;
}

const systems: SystemSpec[] = [
  {
    name: 'ours',
    create: () => createEvalEngine(split.corpus, { ranker, diversity: values.diversity === 'on' }),
    // The engine loads its jieba dictionary lazily on first use; load it here so it counts as setup,
    // as it does for MiniSearch (whose adapter loads its own dictionary when created).
    prepare: async () => {
      jieba();
    },
  },
  { name: 'minisearch', create: () => peerMatchIndex(createMiniSearchPeer(), split.corpus) },
  { name: 'orama', create: () => peerMatchIndex(createOramaPeer(), split.corpus) },
];

async function runSystem(spec: SystemSpec, corpus: readonly CorpusDoc[]): Promise<SystemResult> {
  const t0 = performance.now();
  const inner = spec.create();
  const createMs = performance.now() - t0;
  const index = timedIndex(inner, warmupQueries);
  let lastReport = 0;
  const progress = (p: EvalProgress) => {
    const now = performance.now();
    if (p.phase === 'index' && p.done < p.total && now - lastReport < 1000) return;
    lastReport = now;
    if (p.phase === 'index') {
      const rate = Math.round(p.done / Math.max(p.elapsedMs / 1000, 1e-3));
      process.stderr.write(`[${spec.name}] indexed ${p.done}/${p.total} (${rate} docs/s)\n`);
    } else {
      const spent = index.latenciesMs.reduce((s, x) => s + x, 0);
      const rate = Math.round(index.latenciesMs.length / Math.max(spent / 1000, 1e-3));
      process.stderr.write(`[${spec.name}] queries ${p.done}/${p.total} (${rate} queries/s, warm-up excluded)\n`);
    }
  };
  process.stderr.write(`[${spec.name}] indexing ${corpus.length} docs\n`);
  const report = await runEval({
    split,
    index,
    onProgress: progress,
    ...(spec.prepare ? { prepare: spec.prepare } : {}),
  });
  const latencies = index.latenciesMs;
  return {
    name: spec.name,
    report,
    setupMs: createMs + report.fitMs,
    docsPerS: corpus.length / Math.max(report.indexMs / 1000, 1e-9),
    p50Ms: latencies.length ? median(latencies) : Number.NaN,
    p95Ms: latencies.length ? p95(latencies) : Number.NaN,
    queries: latencies.length,
  };
}

const results: SystemResult[] = [];
for (const spec of systems) results.push(await runSystem(spec, split.corpus));

const [ours, ...peers] = results;
if (!ours) throw new Error('no results');

// --- human output (stdout) ---
const f4 = (x: number) => x.toFixed(4);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const pad = (s: string, n: number) => s.padStart(n);
const header =
  `${'system'.padEnd(11)}${pad('nDCG@10', 8)}${pad('R@100', 8)}${pad('MRR@10', 8)} |` +
  `${pad('low nDCG', 9)}${pad('low R@100', 10)}${pad('low MRR', 8)} |` +
  `${pad('setup ms', 9)}${pad('index s', 8)}${pad('docs/s', 8)} |${pad('p50 ms', 8)}${pad('p95 ms', 8)}`;
const out: string[] = [
  `retrieval benchmark — ${split.corpus.length} docs, ${ours.report.n} judged queries (${ours.report.low.n} low-overlap), split ${values.split}, ours = ${ranker === 'v1' ? `retrieval + ranker-v1${values.diversity === 'on' ? ' + diversity' : ''}` : 'retrieval only'}, warm-up ${warmupQueries.length} queries`,
  header,
  '-'.repeat(header.length),
];
for (const r of results) {
  const { report } = r;
  out.push(
    `${r.name.padEnd(11)}${pad(f4(report.ndcg10), 8)}${pad(f4(report.recall100), 8)}${pad(f4(report.mrr10), 8)} |` +
      `${pad(f4(report.low.ndcg10), 9)}${pad(f4(report.low.recall100), 10)}${pad(f4(report.low.mrr10), 8)} |` +
      `${pad(String(Math.round(r.setupMs)), 9)}${pad((report.indexMs / 1000).toFixed(2), 8)}${pad(String(Math.round(r.docsPerS)), 8)} |` +
      `${pad(ms(r.p50Ms), 8)}${pad(ms(r.p95Ms), 8)}`,
  );
}

/** All ratios are > 1 when ours is better: quality and throughput ours/peer, latency peer/ours. */
const ratiosFor = (peer: SystemResult) => ({
  ndcg10: ours.report.ndcg10 / peer.report.ndcg10,
  docs_per_s: ours.docsPerS / peer.docsPerS,
  p50: peer.p50Ms / ours.p50Ms,
  p95: peer.p95Ms / ours.p95Ms,
});
const faster = (ratio: number) =>
  ratio >= 1 ? `ours is ${ratio.toFixed(2)}× faster` : `ours is ${(1 / ratio).toFixed(2)}× slower`;

out.push('', 'ratios (every ratio > 1 means ours is better: nDCG and docs/s are ours/peer, latency is peer/ours)');
for (const peer of peers) {
  const r = ratiosFor(peer);
  const delta = (a: number, b: number) => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(4)}`;
  out.push(
    `vs ${peer.name}:`,
    `  nDCG@10: ours ${f4(ours.report.ndcg10)} vs ${peer.name} ${f4(peer.report.ndcg10)} (ours/peer ${r.ndcg10.toFixed(3)}, ${delta(ours.report.ndcg10, peer.report.ndcg10)})`,
    `  low-overlap nDCG@10: ours ${f4(ours.report.low.ndcg10)} vs ${peer.name} ${f4(peer.report.low.ndcg10)} (ours/peer ${(ours.report.low.ndcg10 / peer.report.low.ndcg10).toFixed(3)}, ${delta(ours.report.low.ndcg10, peer.report.low.ndcg10)})`,
    `  indexing: ours ${Math.round(ours.docsPerS)} docs/s vs ${peer.name} ${Math.round(peer.docsPerS)} docs/s (ours/peer ${r.docs_per_s.toFixed(2)}: ${faster(r.docs_per_s)})`,
    `  query p50: ours ${ms(ours.p50Ms)} ms vs ${peer.name} ${ms(peer.p50Ms)} ms (peer/ours ${r.p50.toFixed(2)}: ${faster(r.p50)})`,
    `  query p95: ours ${ms(ours.p95Ms)} ms vs ${peer.name} ${ms(peer.p95Ms)} ms (peer/ours ${r.p95.toFixed(2)}: ${faster(r.p95)})`,
  );
}

const mini = results.find((r) => r.name === 'minisearch');
const aheadOfAll = peers.every((p) => ours.report.ndcg10 > p.report.ndcg10);
const aheadLowAll = peers.every((p) => ours.report.low.ndcg10 > p.report.low.ndcg10);
const notSlower = mini ? ours.p50Ms <= mini.p50Ms && ours.p95Ms <= mini.p95Ms : false;
out.push(
  '',
  `acceptance: nDCG@10 ahead of every peer: ${aheadOfAll ? 'yes' : 'NO'} (low-overlap: ${aheadLowAll ? 'yes' : 'NO'}); ` +
    `per query not slower than minisearch (p50 and p95): ${notSlower ? 'yes' : 'NO'}`,
);
process.stdout.write(`${out.join('\n')}\n`);

if (values.json) {
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const figures = (r: SystemResult) => ({
    ndcg10: r4(r.report.ndcg10),
    recall100: r4(r.report.recall100),
    mrr10: r4(r.report.mrr10),
    low_ndcg10: r4(r.report.low.ndcg10),
    docs_per_s: Math.round(r.docsPerS),
    p50_ms: r3(r.p50Ms),
    p95_ms: r3(r.p95Ms),
  });
  const json: Record<string, unknown> = {};
  for (const r of results) json[r.name] = figures(r);
  // ratios: ndcg10 and docs_per_s are ours/peer, p50 and p95 are peer/ours; > 1 means ours is better.
  json.ratios = Object.fromEntries(
    peers.map((p) => {
      const r = ratiosFor(p);
      return [p.name, { ndcg10: r3(r.ndcg10), docs_per_s: r3(r.docs_per_s), p50: r3(r.p50), p95: r3(r.p95) }];
    }),
  );
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

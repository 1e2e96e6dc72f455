/**
 * Retrieval evaluation on a BEIR-style folder: corpus.jsonl, SPLIT/queries.jsonl, SPLIT/qrels.tsv.
 *
 *   npx tsx scripts/eval.ts --data ../shared/eval/csl-title2abs --split dev [--json]
 *     [--dense-weight W]   fuse the local (LSA) embedder with weight W (default 0: lexical only)
 *     [--prf D,T,W]        RM3 feedback from D docs, T terms, weight W (default off)
 *     [--ranker v1|none]   rank the top 100 hits with ranker-v1 features (default), or measure retrieval alone
 *     [--diversity on|off] cap near-identical results per team in the top 10 (default on, with the ranker)
 *     [--store db|memory]  db (default): corpus → achievements → ingest → match_documents → the match job's
 *                          ranking, on an in-memory PGlite (or --database-url, a scratch database it writes
 *                          into); memory: the same engine without the database, for quick experiments
 *
 *     [--abstain]          hide the relevant documents of a deterministic half of the queries and apply the
 *                          match job's cut-off (ranking/cutoff.ts) to every query: routed precision, answered
 *                          recall, abstention and pairs per need (ranking metrics then over the answerable half)
 *
 * With --json the last stdout line is one JSON object with the headline metrics (and `routed` with --abstain).
 */
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../matching/core/deps.ts';
import { createLocalEmbedder } from '../matching/embedders/local-embedder.ts';
import { MatchEngine } from '../matching/engine/match-engine.ts';
import { loadEvalSplit } from '../matching/eval/dataset.ts';
import { createEvalEngine } from '../matching/eval/eval-engine.ts';
import type { MetricSummary } from '../matching/eval/metrics.ts';
import { type EvalProgress, runEval } from '../matching/eval/run-eval.ts';
import { createStoreEngine } from '../matching/eval/store-engine.ts';
import { DEFAULT_CUTOFF } from '../matching/ranking/cutoff.ts';
import { openDb } from '../schema/db.ts';
import { parseCli, runCli, usageError } from './cli-args.ts';
import { projectRoot } from './database-target.ts';
import { requireEvalFolder } from './eval-folder.ts';

const cli = {
  usage: `usage: npm run eval -- [--data DIR] [--split dev] [--json] [--store db|memory] [--database-url URL]
                    [--abstain] [--ranker v1|none] [--diversity on|off] [--dense-weight W] [--prf D,T,W]
  --data      a BEIR-style folder: corpus.jsonl, SPLIT/queries.jsonl, SPLIT/qrels.tsv (default: the
              sample shipped in eval/csl-sample; the full set is ../shared/eval/csl-title2abs)
  --split     the query split to run (default dev)
  --json      end with one JSON line of the headline metrics
  --store     db (default): the production path on an in-memory PGlite (or --database-url, a scratch
              database it writes into); memory: the same engine without a database, for experiments
  --abstain   hide half the queries' answers and apply the match job's cut-off (routed precision, recall)
  --ranker, --diversity, --dense-weight, --prf   experiments, with --store memory only`,
  options: {
    // The shipped sample, so a fresh clone can run it; resolved against the project, not the cwd.
    data: { type: 'string', default: join(projectRoot(), 'eval', 'csl-sample') },
    split: { type: 'string', default: 'dev' },
    json: { type: 'boolean', default: false },
    'dense-weight': { type: 'string', default: '0' },
    prf: { type: 'string' },
    ranker: { type: 'string', default: 'v1' },
    diversity: { type: 'string', default: 'on' },
    store: { type: 'string', default: 'db' },
    'database-url': { type: 'string' },
    abstain: { type: 'boolean', default: false },
  },
  choices: { ranker: ['v1', 'none'], diversity: ['on', 'off'], store: ['db', 'memory'] },
} as const;

async function main() {
  const { values } = parseCli(cli);
  const data = values.data ?? '';
  const denseWeight = Number(values['dense-weight']);
  const prfParts = values.prf?.split(',').map(Number);
  if (Number.isNaN(denseWeight)) usageError(cli, '--dense-weight must be a number');
  if (prfParts?.some(Number.isNaN) || (prfParts && prfParts.length !== 3))
    usageError(cli, '--prf must be three numbers D,T,W');
  requireEvalFolder(data, values.split);

  const split = await loadEvalSplit(data, values.split);
  process.stderr.write(`loaded ${split.corpus.length} docs, ${split.queries.length} queries (${values.split})\n`);

  const embedder = denseWeight > 0 ? createLocalEmbedder() : undefined;
  const experimental = embedder || prfParts || values.ranker !== 'v1' || values.diversity !== 'on';
  if (values.store === 'db' && experimental) {
    usageError(cli, '--dense-weight, --prf, --ranker and --diversity are experiments: use them with --store memory');
  }
  const store =
    values.store === 'db'
      ? await openDb({ databaseUrl: values['database-url'], dataDir: 'memory://' }).then(async (handle) => {
          await handle.migrate();
          return handle;
        })
      : undefined;
  const index = store
    ? await createStoreEngine({
        db: store.db,
        logger: pino({ level: 'silent' }),
        clock: systemClock,
        engine: new MatchEngine(store.db),
      })
    : createEvalEngine(split.corpus, {
        ranker: values.ranker === 'none' ? 'none' : 'v1',
        diversity: values.diversity !== 'off',
        dense: embedder ? { embedder, weight: denseWeight } : undefined,
        prf: prfParts ? { docs: prfParts[0] ?? 10, terms: prfParts[1] ?? 20, weight: prfParts[2] ?? 0.3 } : undefined,
      });

  let lastReport = 0;
  const progress = (p: EvalProgress) => {
    const now = performance.now();
    if (p.done < p.total && now - lastReport < 1000) return;
    lastReport = now;
    const rate = Math.round(p.done / Math.max(p.elapsedMs / 1000, 1e-3));
    const noun = p.phase === 'index' ? 'indexed' : 'queries';
    process.stderr.write(`${noun} ${p.done}/${p.total} (${rate} ${p.phase === 'index' ? 'docs' : 'queries'}/s)\n`);
  };

  const report = await runEval({
    split,
    index,
    onProgress: progress,
    abstain: values.abstain ? { cutoff: DEFAULT_CUTOFF } : undefined,
    ...(embedder
      ? {
          prepare: async (texts: string[]) => {
            const t0 = performance.now();
            await embedder.fit(texts);
            process.stderr.write(`fitted ${embedder.version} in ${Math.round(performance.now() - t0)} ms\n`);
          },
        }
      : {}),
  });

  const round = (x: number) => Math.round(x * 10000) / 10000;
  const line = (name: string, m: MetricSummary) =>
    `${name.padEnd(12)} nDCG@10 ${m.ndcg10.toFixed(4)}  Recall@100 ${m.recall100.toFixed(4)}  MRR@10 ${m.mrr10.toFixed(4)}  n=${m.n}`;
  process.stdout.write(`${line('overall', report)}\n${line('low-overlap', report.low)}\n`);
  const { routed } = report;
  if (routed) {
    process.stdout.write(
      `routed       precision ${routed.precision.toFixed(4)}  answeredRecall ${routed.answeredRecall.toFixed(4)}  ` +
        `abstention ${routed.abstention.toFixed(4)}  perNeed ${routed.perNeed.toFixed(2)}  ` +
        `(${routed.answerable} answerable, ${routed.unanswerable} not; threshold ${DEFAULT_CUTOFF.threshold}, at most ${DEFAULT_CUTOFF.maxPairs})\n`,
    );
  }
  process.stderr.write(
    `${report.fitMs >= 1 ? `fit ${Math.round(report.fitMs)} ms, ` : ''}index ${Math.round(report.indexMs)} ms, search ${Math.round(report.searchMs)} ms, ` +
      `latency p50 ${report.latencyP50Ms.toFixed(1)} ms p95 ${report.latencyP95Ms.toFixed(1)} ms\n`,
  );
  if (values.json) {
    const summary = (m: MetricSummary) => ({
      ndcg10: round(m.ndcg10),
      recall100: round(m.recall100),
      mrr10: round(m.mrr10),
      n: m.n,
    });
    const routedJson = routed && {
      precision: round(routed.precision),
      answeredRecall: round(routed.answeredRecall),
      abstention: round(routed.abstention),
      perNeed: round(routed.perNeed),
      answerable: routed.answerable,
      unanswerable: routed.unanswerable,
    };
    process.stdout.write(
      `${JSON.stringify({ ...summary(report), low: summary(report.low), ...(routedJson ? { routed: routedJson } : {}) })}\n`,
    );
  }
  await store?.close();
}

runCli('eval', main);

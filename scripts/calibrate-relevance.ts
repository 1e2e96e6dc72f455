/**
 * Fits the relevance estimate and sweeps the cut-off threshold on both evaluation styles (ADR 0006).
 *
 *   npx tsx scripts/calibrate-relevance.ts --data ../shared/eval/csl-title2abs [--splits dev,needs-dev] [--json]
 *
 * Runs the eval's ranking (matching/eval/eval-engine.ts) with the abstention setting (half the queries' answers
 * hidden, abstention.ts), takes the top `maxPairs` candidates of every query as rows, fits a logistic regression
 * on them with each split weighted equally, and prints, for the fitted and the shipped model, the routed
 * precision / answered recall / abstention / pairs per need of every split at each threshold. The threshold
 * with the largest worst-case margin over the targets (precision 0.5, recall 0.9, abstention 0.5) on all
 * splits is marked. --max-pairs N sweeps with another cap than the shipped one. With --json the last line is the whole sweep as one JSON object.
 * For each model it also prints how well its best estimate tells answerable from unanswerable queries
 * (matching/eval/separability.ts): the ROC area and the answered recall no cut-off can exceed at abstention 0.5.
 */
import { isUnanswerable } from '../matching/eval/abstention.ts';
import {
  type CalibrationQuery,
  calibrationQuery,
  fitLogistic,
  modelFrom,
  routedReport,
  weightedRows,
  worstSlack,
} from '../matching/eval/calibration.ts';
import { loadEvalSplit } from '../matching/eval/dataset.ts';
import { createEvalEngine } from '../matching/eval/eval-engine.ts';
import { documentText } from '../matching/eval/run-eval.ts';
import { separability } from '../matching/eval/separability.ts';
import { DEFAULT_CUTOFF } from '../matching/ranking/cutoff.ts';
import { type RelevanceModel, relevanceV1 } from '../matching/ranking/relevance.ts';
import { CliError, parseCli, runCli, usageError } from './cli-args.ts';
import { requireEvalFolder } from './eval-folder.ts';

const cli = {
  usage: `usage: npx tsx scripts/calibrate-relevance.ts --data DIR [--splits dev,needs-dev] [--max-pairs N] [--json]
  --data       a BEIR-style folder (as for npm run eval) whose splits share one corpus
  --splits     comma-separated splits, weighted equally in the fit (default dev,needs-dev)
  --max-pairs  sweep with another cap on pairs per need than the shipped one
  --json       end with the whole sweep as one JSON line`,
  options: {
    data: { type: 'string' },
    splits: { type: 'string', default: 'dev,needs-dev' },
    json: { type: 'boolean', default: false },
    'max-pairs': { type: 'string' },
  },
  required: ['data'],
} as const;

async function main() {
  const { values } = parseCli(cli);
  const data = values.data ?? '';
  const top = values['max-pairs'] ? Number(values['max-pairs']) : DEFAULT_CUTOFF.maxPairs;
  if (!Number.isInteger(top) || top < 1) usageError(cli, '--max-pairs must be a positive integer');
  const splitNames = values.splits.split(',').filter((s) => s.length > 0);
  for (const name of splitNames) requireEvalFolder(data, name);
  const splits = await Promise.all(splitNames.map((name) => loadEvalSplit(data, name)));
  const corpus = splits[0]?.corpus ?? [];
  for (const s of splits) {
    if (s.corpus.length !== corpus.length) throw new CliError('the splits must share one corpus');
  }

  const engine = createEvalEngine(corpus, { ranker: 'v1', diversity: true });
  const started = performance.now();
  for (let i = 0; i < corpus.length; i += 1000) {
    await engine.add(corpus.slice(i, i + 1000).map((d) => ({ id: d.id, text: documentText(d) })));
    process.stderr.write(`indexed ${Math.min(i + 1000, corpus.length)}/${corpus.length}\n`);
  }

  const perSplit: CalibrationQuery[][] = [];
  for (const [s, split] of splits.entries()) {
    const queries: CalibrationQuery[] = [];
    const judged = split.queries.filter((q) => split.qrels.has(q.id));
    for (const [i, q] of judged.entries()) {
      const judgments = split.qrels.get(q.id) ?? new Map<string, number>();
      const hidden = isUnanswerable(q.id);
      const hits = await engine.search(q.text, 100, hidden ? { exclude: new Set(judgments.keys()) } : undefined);
      queries.push(calibrationQuery(hits, judgments, hidden, top));
      if ((i + 1) % 250 === 0 || i + 1 === judged.length)
        process.stderr.write(`${splitNames[s]}: queries ${i + 1}/${judged.length}\n`);
    }
    perSplit.push(queries);
  }
  process.stderr.write(`collected in ${Math.round((performance.now() - started) / 1000)} s\n`);

  const fitted = modelFrom('fitted', fitLogistic(weightedRows(perSplit)));
  const thresholds = Array.from({ length: 14 }, (_, i) => Math.round((0.05 + i * 0.05) * 100) / 100);
  const sweep = (model: RelevanceModel) =>
    thresholds.map((threshold) => {
      const reports = perSplit.map((queries) => routedReport(queries, model, { threshold, maxPairs: top }));
      return { threshold, worst: Math.min(...reports.map(worstSlack)), reports };
    });

  const fmt = (x: number) => x.toFixed(3);
  const models = [
    { name: relevanceV1.version, model: relevanceV1 },
    { name: 'fitted now', model: fitted },
  ];
  const result = models.map(({ name, model }) => {
    const rows = sweep(model);
    const best = rows.reduce((a, b) => (b.worst > a.worst ? b : a));
    process.stdout.write(`\n${name}: intercept ${model.intercept}, weights ${JSON.stringify(model.weights)}\n`);
    process.stdout.write(
      `| threshold | ${splitNames.map((n) => `${n} precision / recall / abstention / per need`).join(' | ')} | worst margin |\n`,
    );
    process.stdout.write(`|---|${splitNames.map(() => '---|').join('')}---|\n`);
    for (const row of rows) {
      const cells = row.reports.map(
        (r) => `${fmt(r.precision)} / ${fmt(r.answeredRecall)} / ${fmt(r.abstention)} / ${r.perNeed.toFixed(2)}`,
      );
      const mark = row === best ? ' ←' : '';
      process.stdout.write(`| ${row.threshold.toFixed(2)} | ${cells.join(' | ')} | ${fmt(row.worst)}${mark} |\n`);
    }
    const separation = perSplit.map((queries) => separability(queries, model));
    const separationCells = separation.map(
      (s, i) => `${splitNames[i]} AUC ${fmt(s.auc)}, answered-recall ceiling ${fmt(s.recallCeiling)}`,
    );
    process.stdout.write(`answerable vs unanswerable, best estimate: ${separationCells.join('; ')}\n`);
    return { name, model, best: best.threshold, rows, separation };
  });
  if (values.json) process.stdout.write(`${JSON.stringify({ splits: splitNames, maxPairs: top, result })}\n`);
}

runCli('calibrate-relevance', main);

/**
 * Ingest and match cost on the embedded default (PGlite in memory), at one or more pool sizes.
 *
 *   npm run bench:match -- [--docs 10000,100000] [--data ../shared/eval/csl-title2abs] [--needs 200] [--json]
 *
 * Ingest rate counts everything until a document is searchable: the achievement row, the ingest step (text
 * pipeline, chain, profile, match_documents) and the engine catching up from Postgres. Match latency is the
 * match job's decision for one stored need (its dead pairs read, sync, retrieval with filters, features,
 * ranker, diversity, calibrated relevance and the cut-off), without the write.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../matching/core/deps.ts';
import { MatchEngine } from '../matching/engine/match-engine.ts';
import { loadEvalSplit } from '../matching/eval/dataset.ts';
import { decideNeedPairs } from '../matching/pipeline/decide-need-pairs.ts';
import { ingestRecords } from '../matching/pipeline/ingest-record.ts';
import { openDb } from '../schema/db.ts';
import { needs } from '../schema/needs.ts';
import { organisations } from '../schema/organisations.ts';
import { seedTaxonomyIfEmpty } from '../schema/seed/load-taxonomy.ts';
import { median, p95 } from './bench/percentiles.ts';
import { loadPool } from './bench/pipeline-setup.ts';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000,100000' },
    data: { type: 'string', default: '../shared/eval/csl-title2abs' },
    split: { type: 'string', default: 'dev' },
    needs: { type: 'string', default: '200' },
    batch: { type: 'string', default: '500' },
    json: { type: 'boolean', default: false },
  },
});
const sizes = values.docs.split(',').map(Number);
const needCount = Number(values.needs);
const batchSize = Number(values.batch);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(needCount > 0) || !(batchSize > 0)) {
  process.stderr.write('usage: bench:match -- --docs N[,N…] [--needs N] [--batch N] [--data DIR] [--json]\n');
  process.exit(2);
}

const split = await loadEvalSplit(values.data, values.split);
const results: Record<string, { n: number; ingest_docs_per_s: number; match_p50_ms: number; match_p95_ms: number }> =
  {};

for (const n of sizes) {
  const handle = await openDb({ dataDir: 'memory://' });
  await handle.migrate();
  await seedTaxonomyIfEmpty(handle.db);
  const deps = {
    db: handle.db,
    logger: pino({ level: 'silent' }),
    clock: systemClock,
    engine: new MatchEngine(handle.db),
  };
  const [enterprise] = await handle.db
    .insert(organisations)
    .values({ name: '基准需求企业', kind: 'enterprise' })
    .returning({ id: organisations.id });
  if (!enterprise) throw new Error('could not create the benchmark enterprise');
  const { seconds: ingestSeconds } = await loadPool(deps, split.corpus, n, { batchSize, label: `pool ${n}` });

  const queries = split.queries.slice(0, needCount);
  const needRows = queries.map((q) => ({ id: randomUUID(), orgId: enterprise.id, title: q.text, description: q.text }));
  await handle.db.insert(needs).values(needRows);
  await ingestRecords({ deps, kind: 'need', ids: needRows.map((r) => r.id) });
  await deps.engine.sync();
  const latencies: number[] = [];
  for (const [i, need] of needRows.entries()) {
    const t0 = performance.now();
    await decideNeedPairs({ deps, needId: need.id });
    latencies.push(performance.now() - t0);
    if ((i + 1) % 50 === 0) process.stderr.write(`pool ${n}: matched ${i + 1}/${needRows.length} needs\n`);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  results[String(n)] = {
    n,
    ingest_docs_per_s: Math.round(n / ingestSeconds),
    match_p50_ms: round(median(latencies)),
    match_p95_ms: round(p95(latencies)),
  };
  const r = results[String(n)];
  process.stdout.write(
    `N=${n}: ingest ${r?.ingest_docs_per_s} docs/s (${ingestSeconds.toFixed(1)} s), match p50 ${r?.match_p50_ms} ms, p95 ${r?.match_p95_ms} ms over ${latencies.length} needs\n`,
  );
  await handle.close();
}
if (values.json) process.stdout.write(`${JSON.stringify(sizes.length === 1 ? results[String(sizes[0])] : results)}\n`);

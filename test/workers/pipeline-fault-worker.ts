/**
 * A worker process for test/workers/pipeline-faults.test.ts: exactly what `npm run worker` builds — config,
 * createDeps (Postgres, MatchEngine, no dense retrieval), the production catalog (ingest → match → route,
 * notify, sla-sweep) and createRunner (BullMQ runner, outbox relay and reconciler) — with short lock and
 * reconcile settings so recovery fits in a test. The SLA sweep schedule is off: a sweep recorded just before the
 * test looks would be pending work that has nothing to do with the batch under test.
 */
import { loadConfig } from '../../scripts/config.ts';
import { createDeps } from '../../scripts/create-deps.ts';
import { createRunner } from '../../scripts/create-runner.ts';
import { productionCatalog } from '../../workers/processors.ts';

const env = process.env;
const config = loadConfig({
  DATABASE_URL: env.PIPELINE_DATABASE_URL,
  REDIS_URL: env.PIPELINE_REDIS_URL,
  LOG_LEVEL: 'warn',
});
const runtime = await createDeps(config);
// Catch up with the achievement pool before saying ready, as a long-running worker would have.
await runtime.deps.engine.sync();

const jobs = createRunner(config, runtime.deps, productionCatalog(), {
  role: 'worker',
  concurrency: 8,
  relayPollMs: 50,
  stuckAfterMs: 3_000,
  reconcileIntervalMs: 1_000,
  slaSweepEveryMs: 0,
  bullmq: { prefix: env.PIPELINE_PREFIX ?? 'pipeline-fault', lockDurationMs: 3_000, stalledIntervalMs: 1_500 },
});
await jobs.start();
process.stdout.write('pipeline-fault-worker ready\n');

process.on('SIGTERM', () => {
  void jobs
    .stop({ drain: true })
    .then(() => runtime.close())
    .then(() => process.exit(0));
});

/**
 * A BullMQ worker process for `npm run bench:pipeline`: scripts/worker.ts's wiring (createDeps, the Redis
 * `noeviction` check, createRunner with role `worker` and the production catalog), with what the
 * benchmark needs: a private queue prefix (BENCH_BULLMQ_PREFIX) so it never shares jobs with a real deployment,
 * the engine caught up with the pool before it reports ready over IPC, as a long-running worker would be, and
 * a listener that records job run times (sent to the parent when it asks with a `timings` message).
 * Started with `node --import tsx` (one process, so its pid is the one to signal); it exits when the parent
 * goes away.
 */
import { createMetrics } from '../../workers/metrics.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { checkRedis, connectRedis } from '../../workers/redis-connection.ts';
import { loadConfig } from '../config.ts';
import { createDeps } from '../create-deps.ts';
import { createRunner } from '../create-runner.ts';
import { jobTimer } from './pipeline-timing.ts';

async function main() {
  const config = loadConfig();
  const prefix = process.env.BENCH_BULLMQ_PREFIX;
  if (!config.REDIS_URL || !config.DATABASE_URL || !prefix) {
    throw new Error('pipeline worker needs REDIS_URL, DATABASE_URL and BENCH_BULLMQ_PREFIX');
  }
  const runtime = await createDeps(config);
  const redis = connectRedis(config.REDIS_URL);
  const health = await checkRedis(redis);
  redis.disconnect();
  if (!health.safeForJobs) throw new Error(`Redis must be reachable with noeviction (${JSON.stringify(health)})`);
  const synced = await runtime.deps.engine.sync();
  const metrics = createMetrics();
  const timer = jobTimer();
  const jobs = createRunner(config, runtime.deps, productionCatalog(), {
    role: 'worker',
    listeners: [metrics.jobListener, timer.listener],
    bullmq: { prefix },
  });
  metrics.watch({ jobQueue: jobs.runner, logger: runtime.deps.logger });
  await jobs.start();
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'timings') process.send?.({ type: 'timings', timings: timer.take() });
  });
  process.send?.({ type: 'ready', synced });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    await jobs.stop({ drain: true });
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('disconnect', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`pipeline worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

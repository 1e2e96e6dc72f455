import { createMetrics, serveMetrics } from '../workers/metrics.ts';
import { productionCatalog } from '../workers/processors.ts';
import { checkRedis, connectRedis } from '../workers/redis-connection.ts';
import { parseCli, runCli } from './cli-args.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';
import { createRunner } from './create-runner.ts';

/**
 * The worker process for the scale-out deployment: runs BullMQ jobs, relays outbox rows and reconciles stuck
 * ones. Any number may run; the outbox is claimed with `skip locked` and job ids dedupe in Redis. It refuses
 * to run against a Redis that may evict job keys.
 */
const cli = {
  usage: `usage: npm run worker
  Runs background jobs from Redis for the scale-out deployment; takes no options, only the environment
  (REDIS_URL required, DATABASE_URL, METRICS_PORT, LOG_LEVEL, LOG_FORMAT …, also read from .env).`,
  options: {},
} as const;

async function main() {
  parseCli(cli);
  const config = loadConfig();
  if (!config.REDIS_URL) throw new ConfigError('Invalid configuration:\n  REDIS_URL: required for a worker process');
  const metricsPort = config.METRICS_PORT;
  const runtime = await createDeps(config);
  const { logger } = runtime.deps;
  const redis = connectRedis(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const health = await checkRedis(redis);
  redis.disconnect();
  if (!health.safeForJobs) {
    logger.fatal({ health }, 'Redis must be reachable with maxmemory-policy noeviction');
    process.exit(1);
  }
  const metrics = createMetrics();
  const jobs = createRunner(config, runtime.deps, productionCatalog(), {
    role: 'worker',
    listeners: [metrics.jobListener],
  });
  // Job counters, durations and queue depth; outbox and stage gauges come from the API process.
  metrics.watch({ jobQueue: jobs.runner, logger });
  const metricsServer =
    metricsPort === undefined ? undefined : serveMetrics(metrics, { port: metricsPort, host: config.HOST, logger });
  await jobs.start();
  logger.info({ driver: runtime.driver, redis: health }, 'worker ready');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker draining');
    // Jobs still running at the deadline keep their Redis lock until it expires; another worker takes them.
    setTimeout(() => process.exit(1), 30_000).unref();
    metricsServer?.close();
    await jobs.stop({ drain: true });
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

runCli('worker', main);

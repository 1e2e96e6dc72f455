import { checkRedis, connectRedis } from '../workers/redis-connection.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

/**
 * The worker process for the scale-out deployment. It refuses to run against a Redis that may evict job keys.
 * Job processors register here as the pipeline lands (ingest, match, route); until then it only holds the
 * connections and reports its state, so compose can already scale and health-check it.
 */
async function main() {
  const config = loadConfig();
  if (!config.REDIS_URL) throw new ConfigError('Invalid configuration:\n  REDIS_URL: required for a worker process');
  const runtime = await createDeps(config);
  const { logger } = runtime.deps;
  const redis = connectRedis(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const health = await checkRedis(redis);
  if (!health.safeForJobs) {
    logger.fatal({ health }, 'Redis must be reachable with maxmemory-policy noeviction');
    process.exit(1);
  }
  logger.info({ driver: runtime.driver, redis: health }, 'worker ready');
  const shutdown = async () => {
    redis.disconnect();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});

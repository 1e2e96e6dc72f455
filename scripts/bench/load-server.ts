import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createMetrics } from '../../workers/metrics.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { checkRedis, connectRedis } from '../../workers/redis-connection.ts';
import { loadConfig } from '../config.ts';
import { createDeps, type Runtime } from '../create-deps.ts';
import { createRunner, type JobSystem } from '../create-runner.ts';
import { achievementCorpus, type ManagerSpec } from './load-data.ts';
import { makeLoadParties } from './load-parties.ts';
import type { ManagerPersona } from './load-types.ts';
import { askTimings, type Cleanup, deleteKeys, serveApp, startWorker, stopWorker } from './pipeline-runners.ts';
import { loadPool } from './pipeline-setup.ts';
import { type JobTimings, jobTimer, mergeTimings } from './pipeline-timing.ts';

export type LoadRunner = 'inprocess' | 'bullmq';

export type ServerOptions = {
  runner: LoadRunner;
  databaseUrl: string;
  redisUrl: string | undefined;
  workers: number;
  achievements: number;
  managers: readonly ManagerSpec[];
};

export type StartedService = {
  runtime: Runtime;
  jobs: JobSystem;
  baseUrl: string;
  enterpriseKey: string;
  managers: ManagerPersona[];
  /** One line saying what runs where, printed before the load. */
  setup: string;
  /** Run time of each job by name since the last call, from whichever processes execute jobs. */
  takeTimings(): Promise<JobTimings>;
};

/**
 * The real service on loopback: a scratch database on the PostgreSQL server of `databaseUrl` (created here,
 * dropped by `cleanup`), the achievement pool ingested, the parties made, then the job system as
 * scripts/start.ts and scripts/worker.ts wire it — in this process (in-process runner), or BullMQ on Redis
 * under a private prefix with `workers` worker processes — and the app served by pipeline-runners' serveApp,
 * which builds it with createApp without any rate limit.
 */
export async function startService(options: ServerOptions, cleanup: Cleanup): Promise<StartedService> {
  const suffix = randomBytes(5).toString('hex');
  const dbName = `bench_load_${suffix}`;
  const prefix = `bench-load-${suffix}`;
  const redisUrl = options.runner === 'bullmq' ? options.redisUrl : undefined;
  if (options.runner === 'bullmq') {
    if (!redisUrl) throw new Error('--runner bullmq needs REDIS_URL (or --redis-url)');
    const redis = connectRedis(redisUrl);
    const health = await checkRedis(redis);
    redis.disconnect();
    if (!health.safeForJobs) throw new Error(`Redis at ${redisUrl} unusable for jobs: ${JSON.stringify(health)}`);
    cleanup.add('redis keys', () => deleteKeys(redisUrl, prefix));
  }

  const admin = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  cleanup.add('postgres admin connection', () => admin.end());
  await admin.unsafe(`create database ${dbName}`);
  cleanup.add('scratch database', () => admin.unsafe(`drop database if exists ${dbName} with (force)`));
  const url = new URL(options.databaseUrl);
  url.pathname = `/${dbName}`;
  const env: Record<string, string> = { DATABASE_URL: url.toString(), LOG_LEVEL: 'warn', DEMO_DATA: 'off' };
  if (redisUrl) env.REDIS_URL = redisUrl;
  const config = loadConfig(env);
  const runtime = await createDeps(config);
  cleanup.add('database', () => runtime.close());

  await loadPool(runtime.deps, achievementCorpus(), options.achievements, { batchSize: 250, label: 'load' });
  const parties = await makeLoadParties(runtime.deps, options.managers);

  const metrics = createMetrics();
  const timer = jobTimer();
  let takeTimings = async () => timer.take();
  if (redisUrl) {
    const children = await Promise.all(
      Array.from({ length: options.workers }, () => startWorker({ ...env, BENCH_BULLMQ_PREFIX: prefix })),
    );
    cleanup.add('worker processes', () => Promise.all(children.map(stopWorker)));
    takeTimings = async () => mergeTimings(await Promise.all(children.map(askTimings)));
  }
  const jobs = createRunner(config, runtime.deps, productionCatalog(), {
    role: 'api',
    listeners: [metrics.jobListener, timer.listener],
    ...(redisUrl ? { bullmq: { prefix } } : {}),
  });
  await jobs.start();
  cleanup.add('job system', () => jobs.stop({ drain: true }));
  const baseUrl = await serveApp(runtime, jobs, { bodyLimitBytes: config.BODY_LIMIT_BYTES, metrics }, cleanup);

  const db = `PostgreSQL ${url.host} (scratch database ${dbName})`;
  const setup = redisUrl
    ? `${db}; BullMQ on Redis ${new URL(redisUrl).host} (prefix ${prefix}): API + outbox relay in this process, ` +
      `${options.workers} worker process(es) (scripts/bench/pipeline-worker.ts, concurrency 4 each)`
    : `${db}; in-process runner: API, jobs and outbox relay all in this process`;
  return { runtime, jobs, baseUrl, ...parties, setup, takeTimings };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { createApp } from '../../api/app.ts';
import type { CorpusDoc } from '../../matching/eval/dataset.ts';
import { createMetrics, type Metrics } from '../../workers/metrics.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { checkRedis, connectRedis } from '../../workers/redis-connection.ts';
import { loadConfig } from '../config.ts';
import { createDeps, type Runtime } from '../create-deps.ts';
import { createRunner, type JobSystem } from '../create-runner.ts';
import { type Breakdown, pipelineBreakdown } from './pipeline-breakdown.ts';
import { type ConfirmMode, type LoadRun, latencyOf, type NeedBody, runLoad } from './pipeline-load.ts';
import { loadPool, makeParties } from './pipeline-setup.ts';
import { type JobTimings, jobTimer, mergeTimings } from './pipeline-timing.ts';

export type BenchSettings = {
  corpus: readonly CorpusDoc[];
  achievements: number;
  bodies: readonly NeedBody[];
  warmup: readonly NeedBody[];
  rate: number;
  managers: number;
  pollMs: number;
  timeoutMs: number;
  confirm: ConfirmMode;
  batchSize: number;
};

export type RunnerReport = {
  runner: 'inprocess' | 'bullmq';
  setup: string;
  poolSeconds: number;
  load: LoadRun;
  breakdown: Breakdown | null;
  /** Run time of each job during the measured load, by job name (all processes). */
  jobTimings: JobTimings;
};

type Started = { jobs: JobSystem; takeTimings(): Promise<JobTimings> };

/** Undo steps run last-in first-out, also when the run fails or is interrupted. */
export class Cleanup {
  private readonly steps: { name: string; run: () => Promise<unknown> }[] = [];
  add(name: string, run: () => Promise<unknown>) {
    this.steps.push({ name, run });
  }
  async runAll() {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (error) {
        process.stderr.write(`cleanup (${step.name}) failed: ${error instanceof Error ? error.message : error}\n`);
      }
    }
  }
}

export type AppWiring = { bodyLimitBytes: number; metrics: Metrics };

/** Serves the real app on an ephemeral loopback port, wired as scripts/start.ts wires it. */
export async function serveApp(runtime: Runtime, jobs: JobSystem, options: AppWiring, cleanup: Cleanup) {
  const deps = { ...runtime.deps, jobQueue: jobs.runner, workRecorded: () => jobs.wake() };
  const app = createApp(deps, options);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  cleanup.add('http server', () => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Pool, parties, job system started, app served, warm-up, then the measured load and its breakdown. */
async function measure(
  label: RunnerReport['runner'],
  runtime: Runtime,
  settings: BenchSettings,
  startJobs: () => Promise<Started>,
  wiring: AppWiring,
  cleanup: Cleanup,
): Promise<Omit<RunnerReport, 'setup'>> {
  const pool = await loadPool(runtime.deps, settings.corpus, settings.achievements, {
    batchSize: settings.batchSize,
    label,
  });
  const parties = await makeParties(runtime.deps, settings.managers);
  const { jobs, takeTimings } = await startJobs();
  const baseUrl = await serveApp(runtime, jobs, wiring, cleanup);
  const common = {
    baseUrl,
    db: runtime.deps.db,
    parties,
    rate: settings.rate,
    pollMs: settings.pollMs,
    confirm: settings.confirm,
    backlog: () => jobs.runner.counts(),
  };
  if (settings.warmup.length > 0) {
    await runLoad({ ...common, label: `${label} warm-up`, bodies: settings.warmup, timeoutMs: settings.timeoutMs });
  }
  await takeTimings();
  const load = await runLoad({ ...common, label, bodies: settings.bodies, timeoutMs: settings.timeoutMs });
  const jobTimings = await takeTimings();
  const breakdown = await pipelineBreakdown(runtime.deps.db, load.results, (r) => latencyOf(r, settings.confirm));
  return { runner: label, poolSeconds: pool.seconds, load, breakdown, jobTimings };
}

/**
 * The embedded default exactly as `npm start` wires it without REDIS_URL: createDeps (PGlite under a temporary
 * DATA_DIR, or in memory), createRunner with role `api` (in-process runner, outbox relay, reconciler, SLA
 * schedule in this process) and the Hono app on @hono/node-server.
 */
export async function benchInprocess(settings: BenchSettings, pglite: 'disk' | 'memory'): Promise<RunnerReport> {
  const cleanup = new Cleanup();
  try {
    let dataDir = 'memory://';
    if (pglite === 'disk') {
      dataDir = await mkdtemp(join(tmpdir(), 'bench-pipeline-'));
      const dir = dataDir;
      cleanup.add('temp DATA_DIR', () => rm(dir, { recursive: true, force: true }));
    }
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_DATA: 'off' });
    const runtime = await createDeps(config);
    cleanup.add('database', () => runtime.close());
    const metrics = createMetrics();
    const timer = jobTimer();
    const result = await measure(
      'inprocess',
      runtime,
      settings,
      async () => {
        const jobs = createRunner(config, runtime.deps, productionCatalog(), {
          role: 'api',
          listeners: [metrics.jobListener, timer.listener],
        });
        await jobs.start();
        cleanup.add('job system', () => jobs.stop({ drain: true }));
        return { jobs, takeTimings: async () => timer.take() };
      },
      { bodyLimitBytes: config.BODY_LIMIT_BYTES, metrics },
      cleanup,
    );
    const where = pglite === 'disk' ? 'PGlite under a temporary DATA_DIR' : 'PGlite in memory';
    return { ...result, setup: `${where}; API, in-process runner and outbox relay in this process` };
  } finally {
    await cleanup.runAll();
  }
}

/**
 * Scale-out: a scratch database on the PostgreSQL server of `databaseUrl`, a private BullMQ prefix on
 * `redisUrl`. This process is the API (createRunner role `api`: it only relays outbox rows to Redis) and
 * `workers` child processes run scripts/bench/pipeline-worker.ts (scripts/worker.ts's wiring). The scratch
 * database and the prefix's Redis keys are removed at the end, also after a failure.
 */
export async function benchBullmq(
  settings: BenchSettings,
  services: { databaseUrl: string; redisUrl: string; workers: number },
): Promise<RunnerReport> {
  const cleanup = new Cleanup();
  const suffix = randomBytes(5).toString('hex');
  const dbName = `bench_pipeline_${suffix}`;
  const prefix = `bench-pipeline-${suffix}`;
  try {
    const redis = connectRedis(services.redisUrl);
    const health = await checkRedis(redis);
    redis.disconnect();
    if (!health.safeForJobs)
      throw new Error(`Redis at ${services.redisUrl} unusable for jobs: ${JSON.stringify(health)}`);
    cleanup.add('redis keys', () => deleteKeys(services.redisUrl, prefix));

    const admin = postgres(services.databaseUrl, { max: 1, onnotice: () => {} });
    cleanup.add('postgres admin connection', () => admin.end());
    await admin.unsafe(`create database ${dbName}`);
    cleanup.add('scratch database', () => admin.unsafe(`drop database if exists ${dbName} with (force)`));
    const url = new URL(services.databaseUrl);
    url.pathname = `/${dbName}`;
    const env = { DATABASE_URL: url.toString(), REDIS_URL: services.redisUrl, LOG_LEVEL: 'warn', DEMO_DATA: 'off' };
    const config = loadConfig(env);
    const runtime = await createDeps(config);
    cleanup.add('database', () => runtime.close());
    const metrics = createMetrics();
    const result = await measure(
      'bullmq',
      runtime,
      settings,
      async () => {
        const children = await Promise.all(
          Array.from({ length: services.workers }, () => startWorker({ ...env, BENCH_BULLMQ_PREFIX: prefix })),
        );
        cleanup.add('worker processes', () => Promise.all(children.map(stopWorker)));
        const jobs = createRunner(config, runtime.deps, productionCatalog(), {
          role: 'api',
          listeners: [metrics.jobListener],
          bullmq: { prefix },
        });
        await jobs.start();
        cleanup.add('job system', () => jobs.stop({ drain: true }));
        return { jobs, takeTimings: async () => mergeTimings(await Promise.all(children.map(askTimings))) };
      },
      { bodyLimitBytes: config.BODY_LIMIT_BYTES, metrics },
      cleanup,
    );
    return {
      ...result,
      setup:
        `PostgreSQL ${url.host} (scratch database ${dbName}), Redis ${new URL(services.redisUrl).host} ` +
        `(prefix ${prefix}); API + outbox relay in this process, ${services.workers} worker process(es) ` +
        '(node --import tsx scripts/bench/pipeline-worker.ts, BullMQ concurrency 4 each)',
    };
  } finally {
    await cleanup.runAll();
  }
}

const workerScript = new URL('./pipeline-worker.ts', import.meta.url).pathname;
const repoRoot = new URL('../../', import.meta.url).pathname;

/** Spawns one worker process (node itself, so the pid is the worker's) and waits until it reports ready. */
export function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Worker logs go to our stderr: stdout is reserved for the report and the JSON line.
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('worker did not become ready within 120 s'));
    }, 120_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited during start-up (code ${code})`));
    });
  });
}

export function askTimings(child: ChildProcess): Promise<JobTimings> {
  return new Promise((resolve) => {
    const onMessage = (message: { type?: string; timings?: JobTimings }) => {
      if (message.type !== 'timings') return;
      child.off('message', onMessage);
      resolve(message.timings ?? {});
    };
    child.on('message', onMessage);
    child.send({ type: 'timings' });
  });
}

export function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Removes every key under the benchmark's BullMQ prefix. */
export async function deleteKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { createMetrics } from '../workers/metrics.ts';
import { productionCatalog } from '../workers/processors.ts';
import { parseCli, runCli } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';
import { createRateLimit } from './create-rate-limit.ts';
import { createRunner } from './create-runner.ts';
import { type DemoKey, loadDemoDataIfEmpty } from './demo/load-demo-data.ts';
import type { DotEnv } from './env-file.ts';
import { localUrl, portProblem, requirePortFree, waitUntilAnswering } from './port-check.ts';

const cli = {
  usage: `usage: npm start
  Serves the API (docs at /docs) and, without REDIS_URL, runs the background jobs in the same process.
  No options: settings come from the environment or a .env file here (the environment wins), e.g. PORT,
  HOST, DATA_DIR, DATABASE_URL, REDIS_URL, DEMO_DATA, LOG_LEVEL, LOG_FORMAT=json|pretty.`,
  options: {},
} as const;

async function main(dotEnv: DotEnv | undefined) {
  parseCli(cli);
  const config = loadConfig();
  await requirePortFree(config.PORT, config.HOST);
  const runtime = await createDeps(config);
  const { logger } = runtime.deps;
  // Names only: the values in a .env are API keys and passwords.
  if (dotEnv && dotEnv.names.length > 0) logger.info({ file: dotEnv.file, names: dotEnv.names }, 'settings from .env');
  const wantDemo = config.DEMO_DATA === 'on' || (config.DEMO_DATA === 'auto' && runtime.driver === 'pglite');
  const demo = wantDemo ? await loadDemoDataIfEmpty(runtime.deps) : null;
  // Without Redis the jobs run here; with Redis this process only dispatches and `npm run worker` runs them.
  // One registry for this process: HTTP metrics from the app, job metrics from the runner when jobs run here.
  const metrics = createMetrics();
  const jobs = createRunner(config, runtime.deps, productionCatalog(), {
    role: 'api',
    listeners: [metrics.jobListener],
  });
  const deps = { ...runtime.deps, jobQueue: jobs.runner, workRecorded: () => jobs.wake() };
  const rateLimit = createRateLimit(config, logger);
  const app = createApp(deps, { bodyLimitBytes: config.BODY_LIMIT_BYTES, metrics, rateLimit: rateLimit.options });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    runtime.announcePort(info.port);
    logger.info({ port: info.port, driver: runtime.driver, jobs: jobs.runner.kind }, 'listening');
    // The keys wait for the bound port and the ready line for an HTTP answer: a first curl after either works.
    // (Keys first, synchronously: a script polling /healthz must find them printed when it gets through.)
    if (demo) printDemoKeys(demo.keys);
    const base = localUrl(config.HOST, info.port);
    void waitUntilAnswering(base).then(async (answering) => {
      if (!answering) logger.warn({ base }, 'the port does not answer /healthz yet');
      process.stdout.write(`ready: ${base} (docs at /docs)\n`);
      // Jobs start after the port answers: the backlog (the demo set's analysis on a first start) would
      // otherwise hold the event loop before the bind, and the port would stay closed for as long.
      // Work recorded in the meantime waits in the outbox and is dispatched once the relay starts.
      await jobs.start().catch((error: unknown) => logger.error({ err: error }, 'background jobs did not start'));
    });
  });
  // Lost the port between the check above and the bind: the same one line, then a clean stop.
  server.once('error', (error) => {
    const line = portProblem(error, config.PORT, config.HOST);
    process.stderr.write(`${line ?? `start failed: ${error.message}`}\n`);
    setTimeout(() => process.exit(1), 5_000).unref();
    void jobs
      .stop({ drain: false })
      .then(() => rateLimit.close())
      .then(() => runtime.close())
      .finally(() => process.exit(1));
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // Running jobs finish (drain) before the database closes; a job still running at the deadline is
    // re-dispatched from the outbox on the next start.
    server.close(
      () =>
        void jobs
          .stop({ drain: true })
          .then(() => rateLimit.close())
          .then(() => runtime.close().then(() => process.exit(0))),
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Printed once, to the terminal only: the keys are the way in for a first look at the demo. */
function printDemoKeys(keys: DemoKey[]) {
  const lines = keys.map((k) => `  ${k.role.padEnd(11)} ${k.key}  ${k.name} · ${k.org}`);
  process.stdout.write(`\n演示密钥 Demo API keys (shown once; stored only as hashes):\n${lines.join('\n')}\n\n`);
}

runCli('start', main);

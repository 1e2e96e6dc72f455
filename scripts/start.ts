import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { createMetrics } from '../workers/metrics.ts';
import { productionCatalog } from '../workers/processors.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';
import { createRateLimit } from './create-rate-limit.ts';
import { createRunner } from './create-runner.ts';
import { loadDemoDataIfEmpty } from './demo/load-demo-data.ts';

async function main() {
  const config = loadConfig();
  const runtime = await createDeps(config);
  const { logger } = runtime.deps;
  const wantDemo = config.DEMO_DATA === 'on' || (config.DEMO_DATA === 'auto' && runtime.driver === 'pglite');
  if (wantDemo) {
    const demo = await loadDemoDataIfEmpty(runtime.deps);
    if (demo) printDemoKeys(demo.keys);
  }
  // Without Redis the jobs run here; with Redis this process only dispatches and `npm run worker` runs them.
  // One registry for this process: HTTP metrics from the app, job metrics from the runner when jobs run here.
  const metrics = createMetrics();
  const jobs = createRunner(config, runtime.deps, productionCatalog(), {
    role: 'api',
    listeners: [metrics.jobListener],
  });
  await jobs.start();
  const deps = { ...runtime.deps, jobQueue: jobs.runner, workRecorded: () => jobs.wake() };
  const rateLimit = createRateLimit(config, logger);
  const app = createApp(deps, { bodyLimitBytes: config.BODY_LIMIT_BYTES, metrics, rateLimit: rateLimit.options });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    runtime.announcePort(info.port);
    logger.info(
      { port: info.port, driver: runtime.driver, jobs: jobs.runner.kind },
      `listening on http://localhost:${info.port} (docs: /docs)`,
    );
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
function printDemoKeys(keys: { role: string; name: string; org: string; key: string }[]) {
  const lines = keys.map((k) => `  ${k.role.padEnd(11)} ${k.key}  ${k.name} · ${k.org}`);
  process.stdout.write(`\n演示密钥 Demo API keys (shown once; stored only as hashes):\n${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

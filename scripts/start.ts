import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';
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
  const app = createApp(runtime.deps, { bodyLimitBytes: config.BODY_LIMIT_BYTES });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info(
      { port: info.port, driver: runtime.driver },
      `listening on http://localhost:${info.port} (docs: /docs)`,
    );
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => void runtime.close().then(() => process.exit(0)));
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

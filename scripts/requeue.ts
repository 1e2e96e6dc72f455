import { and, count, eq, inArray } from 'drizzle-orm';
import { requeueDocuments } from '../matching/pipeline/requeue-documents.ts';
import { outbox } from '../schema/outbox.ts';
import { productionCatalog } from '../workers/processors.ts';
import { parseCli, runCli, usageError } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';
import { createRunner } from './create-runner.ts';

/**
 * npm run rescore [-- --wait]   re-rank every open record with the current ranker
 * npm run reembed [-- --wait]   embed every document into the configured (new) embedding space
 * Records the jobs; the running service or workers do them. With --wait, reports progress until they are done.
 * On the embedded database this process owns the folder (no server can be running), so --wait does them here.
 */
const cli = {
  usage: `usage: npm run rescore [-- --wait]   re-rank every open record with the current ranker
       npm run reembed [-- --wait]   embed every document into the configured (new) embedding space
  --wait   report progress until the jobs are done (on the embedded database, do them in this process)`,
  options: { wait: { type: 'boolean', default: false } },
  // The job name comes from the npm script (package.json), not from the person typing.
  positionals: { names: ['JOB'], required: 1 },
} as const;

async function main() {
  const { values, positionals } = parseCli(cli);
  const job = positionals[0];
  if (job !== 'rescore' && job !== 'reembed') usageError(cli, `unknown job ${job}: rescore or reembed`);
  const config = { ...loadConfig(), LOG_LEVEL: 'warn' as const };
  const runtime = await createDeps(config);
  const here =
    values.wait && runtime.driver === 'pglite'
      ? createRunner({ REDIS_URL: undefined }, runtime.deps, productionCatalog(), { role: 'api', slaSweepEveryMs: 0 })
      : undefined;
  try {
    const started = performance.now();
    const total = await requeueDocuments({
      deps: runtime.deps,
      job,
      onProgress: (n) => process.stderr.write(`recorded ${n} ${job} jobs\n`),
    });
    process.stdout.write(`${job}: ${total} jobs recorded\n`);
    if (runtime.driver === 'pglite' && !values.wait) {
      process.stderr.write(`${job}: the server runs them when it next starts on this database\n`);
    }
    await here?.start();
    while (values.wait) {
      const [row] = await runtime.deps.db
        .select({ n: count() })
        .from(outbox)
        .where(and(eq(outbox.job, job), inArray(outbox.status, ['pending', 'dispatched'])));
      const left = row?.n ?? 0;
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`${job}: ${total - left}/${total} done (${Math.round((total - left) / seconds)}/s)\n`);
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  } finally {
    await here?.stop({ drain: true });
    await runtime.close();
  }
}

runCli('requeue', main);

/**
 * A worker process for test/workers/faults.test.ts: the production composition (scripts/create-runner.ts:
 * BullMQ runner, outbox relay and reconciler) with a test catalog whose processor writes one idempotent result
 * row per id. Started and killed by the test; settings are short so recovery fits in a test's time.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { z } from 'zod';
import { ValidationError } from '../../matching/core/errors.ts';
import { openDb } from '../../schema/db.ts';
import { createRunner } from '../../scripts/create-runner.ts';
import { catalogOf, defineJob } from '../../workers/job-catalog.ts';
import { testDeps } from '../support/test-deps.ts';

const env = process.env;
const handle = await openDb({ databaseUrl: env.FAULT_DATABASE_URL, dataDir: '', maxConnections: 12 });
const deps = testDeps(handle.db, { logger: pino({ level: 'error' }, pino.destination(2)) });
const poison = env.FAULT_POISON ?? '';

const catalog = catalogOf([
  defineJob({
    name: 'fault',
    payload: z.object({ id: z.string() }),
    attempts: 5,
    backoff: { delayMs: 50, maxDelayMs: 500, jitter: 0.5 },
    timeoutMs: 10_000,
    process: async (d, { id }, meta) => {
      await d.db.execute(
        sql`insert into fault_runs (id, job_id, attempt) values (${id}, ${meta.jobId}, ${meta.attempt})`,
      );
      if (id === poison) throw new ValidationError([{ field: 'id', issue: 'poisoned' }]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      await d.db.execute(sql`insert into fault_results (id) values (${id}) on conflict (id) do nothing`);
    },
  }),
]);

const jobs = createRunner({ REDIS_URL: env.FAULT_REDIS_URL }, deps, catalog, {
  role: 'worker',
  concurrency: 8,
  relayPollMs: 50,
  stuckAfterMs: 3_000,
  reconcileIntervalMs: 1_000,
  bullmq: { prefix: env.FAULT_PREFIX ?? 'fault', lockDurationMs: 3_000, stalledIntervalMs: 1_500 },
});
await jobs.start();
process.stdout.write('fault-worker ready\n');

process.on('SIGTERM', () => {
  void jobs
    .stop({ drain: true })
    .then(() => handle.close())
    .then(() => process.exit(0));
});

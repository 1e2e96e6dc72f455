/**
 * Load benchmark of the whole service on loopback, bounded in count and time:
 *
 *   npm run bench:load -- [--needs 10000] [--rate 200] [--duration-limit 1800] [--runner inprocess|bullmq]
 *     [--achievements 1000] [--workers 2] [--max-in-flight 128] [--manager-pause-ms 100]
 *     [--database-url URL] [--redis-url URL] [--json]
 *
 * A scratch database is created on the PostgreSQL server of --database-url (default DATABASE_URL, then
 * TEST_DATABASE_URL) and dropped at the end; the runner is BullMQ when a Redis URL is known (--redis-url or
 * REDIS_URL), in-process otherwise, unless --runner says. An achievement pool from the demo set is ingested,
 * the demo's active managers get personas and keys, and the service is started as scripts/start.ts wires it
 * (createApp without any rate limit). A client process then posts distinct demo needs at --rate on an open-loop
 * schedule while every manager reads `GET /v1/queue`, claims and decides pairs as they appear (chiefs racing
 * the assigned managers, every tenth decision sent twice). Once posting ends the bench waits for the pipeline
 * to drain and checks the database: each posted need stored exactly once and matched, no duplicate pair, no
 * claim or decision applied twice. --duration-limit caps the whole run (setup included): at the cap posting
 * and draining stop and the run fails.
 * With --json the last stdout line is one JSON object with at least rps, p99_ms, lost and duplicated.
 * Exit status: 0 pass, 1 a check failed (lost, duplicated, 5xx, not drained…), 2 bad arguments or setup failure.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { checkOutcome } from './bench/load-checks.ts';
import { managerSpecs, needBodies, uncoveredChains } from './bench/load-data.ts';
import { waitForDrain } from './bench/load-drain.ts';
import { failures, renderReport, summarise } from './bench/load-report.ts';
import { startClient } from './bench/load-run.ts';
import { type LoadRunner, startService } from './bench/load-server.ts';
import { Cleanup } from './bench/pipeline-runners.ts';

const { values } = parseArgs({
  options: {
    needs: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    'duration-limit': { type: 'string', default: '1800' },
    runner: { type: 'string' },
    achievements: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '2' },
    'max-in-flight': { type: 'string', default: '128' },
    'manager-pause-ms': { type: 'string', default: '100' },
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    until: { type: 'string', default: 'routed' },
    json: { type: 'boolean', default: false },
  },
});

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nusage: npm run bench:load -- [--needs N] [--rate R] [--duration-limit S] ` +
      '[--runner inprocess|bullmq] [--achievements N] [--workers N] [--max-in-flight N] [--manager-pause-ms N] ' +
      '[--database-url URL] [--redis-url URL] [--until routed|matched] [--json]\n',
  );
  process.exit(2);
}
const int = (name: keyof typeof values, min: number) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) usage(`--${name} must be an integer ≥ ${min}`);
  return n;
};

const needCount = int('needs', 1);
const limitSeconds = int('duration-limit', 1);
const rate = Number(values.rate);
if (!(rate > 0 && rate <= 5000)) usage('--rate must be a number of posts per second in (0, 5000]');
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!databaseUrl) usage('no PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL, or pass --database-url');
const redisUrl = values['redis-url'] ?? process.env.REDIS_URL;
const runnerArg = values.runner ?? (redisUrl ? 'bullmq' : 'inprocess');
if (runnerArg !== 'inprocess' && runnerArg !== 'bullmq') usage('--runner must be inprocess or bullmq');
const runner: LoadRunner = runnerArg;
if (runner === 'bullmq' && !redisUrl) usage('--runner bullmq needs REDIS_URL or --redis-url');

const until = values.until;
if (until !== 'routed' && until !== 'matched') usage('--until must be routed or matched');

const log = (line: string) => process.stderr.write(`[load] ${line}\n`);
log(
  `runner: ${runner} (${values.runner ? '--runner' : redisUrl ? 'REDIS_URL is set' : 'no REDIS_URL'}); ` +
    `PostgreSQL ${new URL(databaseUrl).host}; ${needCount} needs at ${rate}/s; hard cap ${limitSeconds} s`,
);

const deadline = Date.now() + limitSeconds * 1000;
// If cleanup itself hangs past the cap, give up loudly rather than run unbounded.
setTimeout(
  () => {
    log(`still running ${limitSeconds + 60} s after the start: giving up (a scratch database may be left behind)`);
    process.exit(3);
  },
  (limitSeconds + 60) * 1000,
).unref();

const cleanup = new Cleanup();
let output = '';
let exitCode = 0;
try {
  const bodies = needBodies(needCount, randomBytes(3).toString('hex'));
  const specs = managerSpecs();
  const uncovered = uncoveredChains(bodies, specs);
  if (uncovered.length > 0) throw new Error(`no manager covers chain(s) ${uncovered.join(', ')}`);
  const service = await startService(
    {
      runner,
      databaseUrl,
      redisUrl,
      workers: int('workers', 1),
      achievements: int('achievements', 1),
      managers: specs,
    },
    cleanup,
  );
  log(`service up at ${service.baseUrl}: ${service.setup}; ${service.managers.length} manager personas`);
  const client = startClient(
    {
      type: 'start',
      baseUrl: service.baseUrl,
      enterpriseKey: service.enterpriseKey,
      managers: service.managers,
      bodies,
      rate,
      maxInFlight: int('max-in-flight', 1),
      deadline,
      managerPollMs: int('manager-pause-ms', 0),
    },
    log,
  );
  cleanup.add('load client', async () => client.kill());
  await client.posted;
  const drainStarted = Date.now();
  const { db } = service.runtime.deps;
  const drain = await waitForDrain(db, service.jobs, deadline, log, until);
  const drainSeconds = (Date.now() - drainStarted) / 1000;
  log(drain.drained ? `drained after ${drainSeconds.toFixed(1)} s; stopping the managers` : 'duration limit reached');
  const done = await client.finish();
  // Anything the managers' last calls set going (a route retry, say) gets a short while to finish before the
  // checks read the database.
  const settled = await waitForDrain(db, service.jobs, Math.min(deadline, Date.now() + 15_000), () => {}, until);
  const checks = await checkOutcome(db, bodies, done.posts, done.tally, settled.state);
  const jobTimings = await service.takeTimings();
  const summary = summarise({
    runner,
    needs: needCount,
    rate,
    done,
    drained: drain.drained,
    until,
    drainSeconds,
    state: settled.state,
    checks,
    jobTimings,
  });
  const failed = failures(summary);
  output = `${renderReport(summary, service.setup)}\n  ${failed.length === 0 ? 'PASS' : `FAIL: ${failed.join('; ')}`}\n`;
  if (values.json) output += `${JSON.stringify({ ...summary, failures: failed })}\n`;
  exitCode = failed.length === 0 ? 0 : 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 2;
} finally {
  await cleanup.runAll();
}
// Written after cleanup, so no log line of the service can land after the JSON line.
process.stdout.write(output);
process.exit(exitCode);

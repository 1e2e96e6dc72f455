/**
 * End-to-end pipeline latency: needs posted at a steady rate against a pool of achievements, timed from just
 * before each POST to the first routed suggestion of that need being visible in a manager's queue.
 *
 *   npm run bench:pipeline -- [--achievements 10000] [--rate 20] [--needs 200] [--runner inprocess|bullmq|both]
 *     [--managers 10] [--workers 2] [--poll-ms 100] [--timeout-s 30] [--warmup 5] [--pglite disk|memory]
 *     [--confirm after|live] [--data ../shared/eval/csl-title2abs] [--split dev] [--database-url URL]
 *     [--redis-url URL] [--json]
 *
 * A load client in its own process posts on a fixed schedule and keeps the clock; this process watches Postgres
 * every --poll-ms for a routed suggestion of each posted need (one indexed query) and tells the client. With
 * --confirm after (the default) the measured moment is that sighting of the committed `routed` row, the very
 * rows `GET /v1/queue` reads, and once the load is over the client reads every manager's
 * `GET /v1/queue?stage=routed` (all pages, real HTTP) and counts a need only if its suggestion is listed. With
 * --confirm live it reads the assigned manager's queue at once and the moment is that response, which adds the
 * queue reads to the load under test. The pool is inserted and ingested before measuring, and the engine (and
 * each BullMQ worker's engine) is caught up with it first.
 * With --json the last stdout line is `{"inprocess":{"p50_ms","p95_ms","needs","api_stall_max_ms",…},"bullmq":{…}}`,
 * `needs` being how many needs got a routed suggestion within the timeout and `api_stall_max_ms` the API
 * process's longest event-loop stall during the load (what a request arriving then waited before any handling).
 */
import { parseArgs } from 'node:util';
import { loadEvalSplit } from '../matching/eval/dataset.ts';
import { percentile } from './bench/percentiles.ts';
import { steps } from './bench/pipeline-breakdown.ts';
import { latencyOf, type NeedBody } from './bench/pipeline-load.ts';
import { type BenchSettings, benchBullmq, benchInprocess, type RunnerReport } from './bench/pipeline-runners.ts';
import { benchChain } from './bench/pipeline-setup.ts';

const { values } = parseArgs({
  options: {
    achievements: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '20' },
    needs: { type: 'string', default: '200' },
    runner: { type: 'string', default: 'both' },
    managers: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    'poll-ms': { type: 'string', default: '100' },
    'timeout-s': { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    pglite: { type: 'string', default: 'disk' },
    confirm: { type: 'string', default: 'after' },
    batch: { type: 'string', default: '500' },
    data: { type: 'string', default: '../shared/eval/csl-title2abs' },
    split: { type: 'string', default: 'dev' },
    'database-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    'redis-url': { type: 'string', default: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    json: { type: 'boolean', default: false },
  },
});

const int = (name: string, raw: string, min: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) usage(`--${name} must be an integer ≥ ${min}`);
  return n;
};
function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nusage: npm run bench:pipeline -- [--achievements N] [--rate N] [--needs N] ` +
      '[--runner inprocess|bullmq|both] [--managers N] [--workers N] [--poll-ms N] [--timeout-s N] [--warmup N] ' +
      '[--pglite disk|memory] [--confirm after|live] [--data DIR] [--split NAME] [--database-url URL] [--redis-url URL] [--json]\n',
  );
  process.exit(2);
}

const runners = values.runner === 'both' ? (['inprocess', 'bullmq'] as const) : [values.runner];
if (!runners.every((r) => r === 'inprocess' || r === 'bullmq')) usage('--runner must be inprocess, bullmq or both');
if (values.pglite !== 'disk' && values.pglite !== 'memory') usage('--pglite must be disk or memory');
const pglite = values.pglite;
if (values.confirm !== 'after' && values.confirm !== 'live') usage('--confirm must be after or live');
const confirm = values.confirm;
const rate = Number(values.rate);
if (!(rate > 0 && rate <= 1000)) usage('--rate must be a number of needs per second in (0, 1000]');
const needCount = int('needs', values.needs, 1);
const warmupCount = int('warmup', values.warmup, 0);

const split = await loadEvalSplit(values.data, values.split);
if (split.queries.length === 0) usage(`no queries in ${values.data}/${values.split}`);
/** Need bodies from the eval queries (paper titles); the description repeats the title, padded to validate. */
const bodyFor = (i: number): NeedBody => {
  const text = (split.queries[i % split.queries.length]?.text ?? '').trim().slice(0, 200);
  const description = text.length >= 10 ? text : `${text}，寻求相关技术成果`;
  return { title: text, description, chainId: benchChain };
};
const settings: BenchSettings = {
  corpus: split.corpus,
  achievements: int('achievements', values.achievements, 1),
  bodies: Array.from({ length: needCount }, (_, i) => bodyFor(warmupCount + i)),
  warmup: Array.from({ length: warmupCount }, (_, i) => bodyFor(i)),
  rate,
  managers: int('managers', values.managers, 1),
  pollMs: int('poll-ms', values['poll-ms'], 1),
  timeoutMs: int('timeout-s', values['timeout-s'], 1) * 1000,
  batchSize: int('batch', values.batch, 1),
  confirm,
};
const workers = int('workers', values.workers, 1);

const reports: RunnerReport[] = [];
for (const runner of runners) {
  process.stderr.write(
    `[${runner}] setting up: ${settings.achievements} achievements, ${settings.managers} managers\n`,
  );
  reports.push(
    runner === 'inprocess'
      ? await benchInprocess(settings, pglite)
      : await benchBullmq(settings, {
          databaseUrl: values['database-url'],
          redisUrl: values['redis-url'],
          workers,
        }),
  );
}

const round = (x: number) => Math.round(x);
type Summary = {
  p50_ms: number | null;
  p95_ms: number | null;
  needs: number;
  max_ms: number | null;
  posted: number;
  /** The API process's longest event-loop stall during the measured load (in-process: jobs share that loop). */
  api_stall_max_ms: number;
  api_stall_p99_ms: number;
};
const summaries: Record<string, Summary> = {};
const out: string[] = [
  '',
  `bench:pipeline — ${settings.achievements} achievements, ${needCount} needs at ${rate}/s (chain ${benchChain}), ` +
    `${settings.managers} managers, ${warmupCount} warm-up needs not counted.`,
  confirm === 'live'
    ? `Latency = just before POST /v1/needs (a load client process posts on a fixed schedule) → the assigned ` +
      `manager's GET /v1/queue?stage=routed response (all pages) that lists the need's first routed suggestion, ` +
      `read as soon as a watch on Postgres (every ${settings.pollMs} ms) sees it routed.`
    : `Latency = just before POST /v1/needs (a load client process posts on a fixed schedule) → a watch on ` +
      `Postgres (every ${settings.pollMs} ms) sees the need's first suggestion routed (stage routed, committed: ` +
      `what GET /v1/queue reads). Once the load is over every manager's GET /v1/queue?stage=routed (all pages) ` +
      `is read and a need counts only if its suggestion is listed there (--confirm live: time to that response).`,
  `Timeout ${settings.timeoutMs / 1000} s per need.`,
];
for (const report of reports) {
  const { results } = report.load;
  const visible = results.flatMap((r) => {
    const ms = latencyOf(r, confirm);
    return ms === undefined ? [] : [ms];
  });
  const routedAtAll = results.filter((r) => r.routedSeenMs !== undefined).length;
  const posts = results.flatMap((r) => (r.postMs === undefined ? [] : [r.postMs]));
  const pct = (xs: number[], p: number) => (xs.length ? round(percentile(xs, p)) : null);
  const created = results.filter((r) => r.status === 201).length;
  const noMatch = results.filter((r) => r.noMatch).length;
  const errors = results.filter((r) => r.error !== undefined);
  const summary: Summary = {
    p50_ms: pct(visible, 0.5),
    p95_ms: pct(visible, 0.95),
    needs: visible.length,
    max_ms: visible.length ? round(Math.max(...visible)) : null,
    posted: results.length,
    api_stall_max_ms: report.load.eventLoopDelay.max_ms,
    api_stall_p99_ms: report.load.eventLoopDelay.p99_ms,
  };
  summaries[report.runner] = summary;
  out.push(
    '',
    `${report.runner}: ${report.setup}`,
    `  pool ingested in ${report.poolSeconds.toFixed(1)} s; posting took ${report.load.postingSeconds.toFixed(1)} s ` +
      `(${((results.length - 1) / Math.max(report.load.postingSeconds, 0.001)).toFixed(1)} needs/s sent)`,
    `  POST → routed suggestion ${confirm === 'live' ? 'listed by GET /v1/queue' : 'committed, seen by the watch'}: p50 ${summary.p50_ms ?? '–'} ms, p95 ${summary.p95_ms ?? '–'} ms, ` +
      `max ${summary.max_ms ?? '–'} ms`,
    `  needs: ${results.length} posted, ${created} answered 201, ${visible.length} routed within ` +
      `${settings.timeoutMs / 1000} s and listed in their manager's GET /v1/queue` +
      (routedAtAll > visible.length ? ` (${routedAtAll - visible.length} more routed but not listed)` : '') +
      `, ${noMatch} with no suggestion at all (nothing to route), ` +
      `${created - routedAtAll - noMatch} still waiting at the timeout, ${errors.length} errors` +
      (errors[0] ? ` (first: ${errors[0].error})` : ''),
    `  POST /v1/needs round trip: p50 ${pct(posts, 0.5) ?? '–'} ms, p95 ${pct(posts, 0.95) ?? '–'} ms; database watch: ` +
      `${report.load.watchRounds} rounds; ${report.load.queueRequests} GET /v1/queue requests (${confirm === 'live' ? 'during' : 'after'} the load)`,
  );
  out.push(
    `  API process event loop during the load: p99 delay ${report.load.eventLoopDelay.p99_ms} ms, ` +
      `longest stall ${report.load.eventLoopDelay.max_ms} ms`,
  );
  const runs = Object.entries(report.jobTimings)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, ms]) => `${name} ×${ms.length} p50 ${round(percentile(ms, 0.5))} / p95 ${round(percentile(ms, 0.95))} ms`,
    );
  if (runs.length > 0)
    out.push(`  job run times (the processor alone, not queueing nor the outbox settle): ${runs.join('; ')}`);
  if (report.breakdown) {
    out.push('  where the time went (p50 / p95 ms per routed need, from outbox timestamps and routedAt):');
    for (const [name, note] of steps) {
      const step = report.breakdown[name];
      out.push(`    ${name.padEnd(22)} ${String(step.p50_ms).padStart(6)} / ${String(step.p95_ms).padEnd(6)} ${note}`);
    }
  }
}
process.stdout.write(`${out.join('\n')}\n`);
if (values.json) process.stdout.write(`${JSON.stringify(summaries)}\n`);

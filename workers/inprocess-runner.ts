import type { Deps } from '../matching/core/deps.ts';
import { yieldToEventLoop } from '../matching/engine/time-slice.ts';
import { backoffDelay } from './backoff.ts';
import { executeJob } from './execute-job.ts';
import type { JobCatalog } from './job-catalog.ts';
import { assertJobId, type JobListener, type JobRequest, type JobRunner, type RunnerCounts } from './job-runner.ts';

export type InProcessRunnerOptions = {
  deps: Deps;
  catalog: JobCatalog;
  listeners?: readonly JobListener[];
  /** Jobs running at once; they share the event loop with the API, so keep it small. */
  concurrency?: number;
  /** For tests: makes jitter deterministic. */
  random?: () => number;
};

type Entry = { request: JobRequest; attempt: number };

/**
 * Later pipeline stages first, otherwise first in, first out. One thread runs every job here, so when needs
 * arrive faster than it keeps up, strict FIFO interleaved every need's three jobs with everyone else's and each
 * need waited for the whole backlog three times; finishing the needs already in the pipeline first puts the wait
 * at the entrance (ingest), once.
 */
const stagePriority: Readonly<Record<string, number>> = { route: 0, match: 1, ingest: 2 };
const otherJobs = 1;
/**
 * A bulk load's ingests (the demo set on first start, an import) wait behind everything else: a need someone
 * posts while the demo's 460 records are analysed is matched in seconds, not after the whole backlog.
 */
const bulkIngest = 3;

const isBulk = (request: JobRequest) =>
  typeof request.payload === 'object' && request.payload !== null && 'bulk' in request.payload
    ? request.payload.bulk === true
    : false;

/** Ready jobs in one first-in, first-out line per priority. */
class ReadyLines {
  private readonly lines: Entry[][] = [[], [], [], []];
  push(entry: Entry): void {
    const line = isBulk(entry.request) ? bulkIngest : (stagePriority[entry.request.name] ?? otherJobs);
    this.lines[line]?.push(entry);
  }
  shift(): Entry | undefined {
    for (const line of this.lines) if (line.length > 0) return line.shift();
    return undefined;
  }
  get length(): number {
    return this.lines.reduce((n, line) => n + line.length, 0);
  }
  clear(): void {
    for (const line of this.lines) line.length = 0;
  }
}

/**
 * The embedded default: the same processors in the API process, with BullMQ's semantics (concurrency,
 * retries with backoff and jitter, timeouts, permanent failures, one run per job id in flight, drain on
 * stop). Nothing is persisted here: work lost with the process is still `dispatched` in the outbox, and the
 * reconciler dispatches it again after a restart.
 */
export function createInProcessRunner(options: InProcessRunnerOptions): JobRunner {
  const concurrency = options.concurrency ?? 2;
  const ready = new ReadyLines();
  const known = new Set<string>();
  const active = new Map<string, Promise<void>>();
  const retryTimers = new Set<NodeJS.Timeout>();
  const abort = new AbortController();
  let running = false;
  let stopped = false;

  const pump = () => {
    while (running && active.size < concurrency) {
      const entry = ready.shift();
      if (!entry) return;
      active.set(entry.request.id, run(entry));
    }
  };

  const run = async (entry: Entry) => {
    // Each job starts on a fresh turn of the event loop: PGlite settles its queries as microtasks, so without
    // this a backlog ran job after job in one macrotask and the API could not even accept a connection.
    await yieldToEventLoop();
    const execution = await executeJob(entry.request, entry.attempt, {
      deps: options.deps,
      catalog: options.catalog,
      listeners: options.listeners ?? [],
      signal: abort.signal,
    });
    active.delete(entry.request.id);
    if (!execution.ok && !execution.final && !stopped) scheduleRetry(entry);
    else known.delete(entry.request.id);
    pump();
  };

  const scheduleRetry = (entry: Entry) => {
    const definition = options.catalog.get(entry.request.name);
    const delay = definition ? backoffDelay(definition.backoff, entry.attempt, options.random) : 0;
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      ready.push({ request: entry.request, attempt: entry.attempt + 1 });
      pump();
    }, delay);
    retryTimers.add(timer);
  };

  return {
    kind: 'inprocess',
    async dispatch(request) {
      assertJobId(request.id);
      if (stopped) throw new Error('runner stopped');
      if (known.has(request.id)) return;
      known.add(request.id);
      ready.push({ request, attempt: 1 });
      pump();
    },
    async start() {
      if (stopped) throw new Error('runner stopped');
      running = true;
      pump();
    },
    async stop({ drain = true } = {}) {
      running = false;
      stopped = true;
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      ready.clear();
      known.clear();
      if (drain) await Promise.all(active.values());
      else abort.abort(new Error('runner stopped'));
    },
    async counts(): Promise<RunnerCounts> {
      return { waiting: ready.length, active: active.size, delayed: retryTimers.size };
    },
  };
}

import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { and, asc, eq, exists, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { needs } from '../../schema/needs.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { RunnerCounts } from '../../workers/job-runner.ts';
import type { Parties } from './pipeline-setup.ts';

export type NeedBody = { title: string; description: string; chainId: string };

/** One posted need, times in ms: `perf*` on the client's performance.now(), `sentWall` on the wall clock. */
export type NeedResult = {
  index: number;
  perfSent: number;
  sentWall: number;
  status?: number;
  needId?: string;
  postMs?: number;
  /** POST sent → the benchmark's database watch told the client a suggestion of this need is routed. */
  routedSeenMs?: number;
  /** Confirm `live` only: POST sent → the manager's GET /v1/queue response that lists that suggestion. */
  visibleMs?: number;
  /** The manager's GET /v1/queue listed the suggestion (live: as soon as it could; after: once the load ended). */
  confirmed?: boolean;
  /** The need's match job finished and stored no suggestion (nothing to route). */
  noMatch?: boolean;
  error?: string;
};

export type ClientStart = {
  type: 'start';
  baseUrl: string;
  enterpriseKey: string;
  managerKeys: string[];
  bodies: NeedBody[];
  rate: number;
  pollMs: number;
  timeoutMs: number;
  confirm: ConfirmMode;
};
/** The measured time of a need: to the confirming queue response (live), or to the watch seeing it routed. */
export function latencyOf(r: NeedResult, confirm: ConfirmMode): number | undefined {
  if (!r.confirmed) return undefined;
  return confirm === 'live' ? r.visibleMs : r.routedSeenMs;
}

/** `live`: each need's queue read is part of its measured time; `after`: queues are read once the load ends. */
export type ConfirmMode = 'live' | 'after';
export type ParentMessage =
  | ClientStart
  | { type: 'routed'; needId: string; suggestionId: string; manager: number }
  | { type: 'noMatch'; needIds: string[] };
export type ClientMessage =
  | { type: 'created'; needId: string }
  | { type: 'progress'; line: string }
  | { type: 'done'; results: NeedResult[]; postingSeconds: number; queueRequests: number };

export type LoadOptions = {
  label: string;
  baseUrl: string;
  db: Db;
  parties: Parties;
  bodies: readonly NeedBody[];
  rate: number;
  pollMs: number;
  timeoutMs: number;
  confirm: ConfirmMode;
  /** Jobs waiting and running in the runner, for the progress lines. */
  backlog(): Promise<RunnerCounts>;
};

export type LoadRun = {
  results: NeedResult[];
  postingSeconds: number;
  watchRounds: number;
  queueRequests: number;
  /** The longest this (the API's) event loop was blocked during the load, and its 99th percentile. */
  eventLoopDelay: { max_ms: number; p99_ms: number };
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const clientScript = new URL('./pipeline-client.ts', import.meta.url).pathname;
const repoRoot = new URL('../../', import.meta.url).pathname;

/**
 * Runs one load: a client process (scripts/bench/pipeline-client.ts) posts the needs over HTTP on a fixed
 * schedule; this process watches Postgres every `pollMs` for a routed suggestion of each posted need (one
 * indexed query for all waiting needs, much cheaper than every manager paging through their queue each
 * round) and tells the client which suggestion and manager, and the client then confirms it through that
 * manager's `GET /v1/queue`. Needs whose match job stored no suggestion are reported so nobody waits on them.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', clientScript], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const managerIndex = new Map(options.parties.managers.map((m, i) => [m.userId, i]));
  const waiting = new Set<string>();
  // How long this process's event loop stalls: in the embedded runner the API, the jobs and PGlite share it.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const windowDelay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  windowDelay.enable();
  let done: Extract<ClientMessage, { type: 'done' }> | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    child.on('message', (message: ClientMessage) => {
      if (message.type === 'created') waiting.add(message.needId);
      else if (message.type === 'progress') {
        const stall = Math.round(windowDelay.max / 1e6);
        windowDelay.reset();
        void options.backlog().then(
          (c) =>
            process.stderr.write(
              `[${options.label}] ${message.line}; jobs waiting ${c.waiting}, running ${c.active}; ` +
                `API event loop max stall ${stall} ms\n`,
            ),
          () => process.stderr.write(`[${options.label}] ${message.line}\n`),
        );
      } else if (message.type === 'done') {
        done = message;
        resolve();
      }
    });
    child.once('exit', (code) => {
      if (!done) reject(new Error(`load client exited early (code ${code})`));
    });
  });
  const start: ClientStart = {
    type: 'start',
    baseUrl: options.baseUrl,
    enterpriseKey: options.parties.enterpriseKey,
    managerKeys: options.parties.managers.map((m) => m.key),
    bodies: [...options.bodies],
    rate: options.rate,
    pollMs: options.pollMs,
    timeoutMs: options.timeoutMs,
    confirm: options.confirm,
  };
  child.send(start);

  let watchRounds = 0;
  let lastNoMatchCheck = performance.now();
  const watch = async () => {
    while (!done) {
      const roundStart = performance.now();
      const ids = [...waiting];
      if (ids.length > 0) {
        for (const pair of await firstRouted(options.db, ids)) {
          waiting.delete(pair.needId);
          const manager = pair.managerId ? managerIndex.get(pair.managerId) : undefined;
          if (manager !== undefined)
            child.send({ type: 'routed', needId: pair.needId, suggestionId: pair.id, manager });
        }
        watchRounds++;
      }
      if (roundStart - lastNoMatchCheck > 1000 && waiting.size > 0) {
        lastNoMatchCheck = roundStart;
        const empty = await withoutSuggestions(options.db, [...waiting]);
        for (const id of empty) waiting.delete(id);
        if (empty.length > 0) child.send({ type: 'noMatch', needIds: empty });
      }
      await Promise.race([finished.catch(() => {}), sleep(options.pollMs - (performance.now() - roundStart))]);
    }
  };
  const watching = watch();
  try {
    await finished;
  } finally {
    await watching.catch(() => {});
    if (child.connected) child.disconnect();
    delay.disable();
    windowDelay.disable();
  }
  if (!done) throw new Error('load client ended without results');
  return {
    results: done.results,
    postingSeconds: done.postingSeconds,
    watchRounds,
    queueRequests: done.queueRequests,
    eventLoopDelay: { max_ms: Math.round(delay.max / 1e6), p99_ms: Math.round(delay.percentile(99) / 1e6) },
  };
}

/** The first routed suggestion of each need that has one. */
async function firstRouted(db: Db, needIds: string[]) {
  const rows = await db
    .select({ id: suggestions.id, needId: suggestions.needId, managerId: suggestions.managerId })
    .from(suggestions)
    .where(and(inArray(suggestions.needId, needIds), eq(suggestions.stage, 'routed'), isNotNull(suggestions.managerId)))
    .orderBy(asc(suggestions.routedAt));
  const first = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!first.has(row.needId)) first.set(row.needId, row);
  return [...first.values()];
}

/** Needs whose match job is done and left no suggestion: nothing will ever reach a queue for them. */
async function withoutSuggestions(db: Db, needIds: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: needs.id })
    .from(needs)
    .where(
      and(
        inArray(needs.id, needIds),
        exists(
          db
            .select({ one: sql`1` })
            .from(outbox)
            .where(and(eq(outbox.jobKey, sql`'match-need-' || ${needs.id}`), eq(outbox.status, 'done'))),
        ),
        notExists(db.select({ one: sql`1` }).from(suggestions).where(eq(suggestions.needId, needs.id))),
      ),
    );
  return rows.map((r) => r.id);
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { type EvalSplit, loadEvalSplit } from '../../matching/eval/dataset.ts';
import { decideNeedPairs } from '../../matching/pipeline/decide-need-pairs.ts';
import { ingestRecords } from '../../matching/pipeline/ingest-record.ts';
import { recordIngests } from '../../matching/pipeline/record-ingest.ts';
import { achievements } from '../../schema/achievements.ts';
import { queryRows } from '../../schema/db.ts';
import { managers } from '../../schema/managers.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { outbox } from '../../schema/outbox.ts';
import { checkService } from '../support/services.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { hasRedisServer, startPrivateRedis } from './private-redis.ts';

const evalDir = fileURLToPath(new URL('../../../shared/eval/csl-title2abs', import.meta.url));
const database = await checkService('TEST_DATABASE_URL');
const redisServer = hasRedisServer();
const evalData = existsSync(join(evalDir, 'corpus.jsonl'));
if (process.env.REQUIRE_SERVICES === '1') {
  if (!redisServer) throw new Error('REQUIRE_SERVICES=1 but redis-server is missing');
  if (!evalData) throw new Error(`REQUIRE_SERVICES=1 but the eval corpus is missing (${evalDir})`);
}
const skip = !database.available
  ? database.reason
  : !redisServer
    ? 'redis-server binary not found'
    : !evalData
      ? `eval corpus not found at ${evalDir}`
      : '';
if (skip) console.warn(`[skip] pipeline fault tests skipped: ${skip}`);

type Worker = { child: ChildProcess; prefix: string; output: () => string };
type Db = Awaited<ReturnType<typeof openTestDb>>['db'];
type Redis = Awaited<ReturnType<typeof startPrivateRedis>>;

/** The chain every need names and every manager covers (routing follows the need's chain). */
const chain = 'ai';
const needCount = 1000;
const poolSize = 2000;
const managerCount = 4;
/**
 * Ingest, match and route jobs run roughly one stage after the other (one FIFO queue), so each test strikes
 * three times: while needs are being ingested, once a few hundred needs have suggestions (matching), and once
 * a few hundred pairs are routed (routing; the cut-off leaves about one pair per need, so a batch routes about a
 * thousand). A stage already past when its turn comes is struck where the batch is.
 */
const strikes = [
  { stage: 'ingest', due: (p: Progress) => p.docs >= 100 },
  { stage: 'match', due: (p: Progress) => p.withSuggestions >= 250 },
  { stage: 'route', due: (p: Progress) => p.routed >= 300 },
] as const;

type Progress = {
  docs: number;
  withSuggestions: number;
  suggestions: number;
  routed: number;
  outbox: Record<string, number>;
};

/**
 * Nothing lost under faults (issue 4), with the real pipeline: 1,000 needs recorded as a bulk import records
 * them (rows + ingest jobs in one transaction per batch) against a pool of real achievements, processed by
 * worker child processes built like `npm run worker` (pipeline-fault-worker.ts: production catalog, BullMQ on
 * a private redis-server, real PostgreSQL). One test SIGKILLs the worker at each stage and starts another; the
 * other restarts Redis under a running worker (once with its AOF, then twice empty). Both must end with: each
 * need's suggestions exactly what the match decision selects for it, no pair twice, every pair routed by exactly one
 * routing decision and listed in exactly one route job, and every outbox row done.
 */
describe.skipIf(Boolean(skip))('pipeline fault tolerance: ingest → match → route (PostgreSQL + private Redis)', () => {
  let db: Db;
  let deps: Deps;
  let dbUrl: string;
  let drop: () => Promise<void>;
  let redis: Redis;
  let split: EvalSplit;
  let managerIds: string[] = [];
  const children = new Set<ChildProcess>();
  const logTally = new Map<string, number>();

  beforeAll(async () => {
    const started = Date.now();
    const handle = await openTestDb('postgres', database.url);
    ({ db, drop } = handle);
    deps = testDeps(db);
    const [row] = await queryRows<{ name: string }>(db, sql`select current_database() as name`);
    const url = new URL(database.url ?? '');
    url.pathname = `/${row?.name}`;
    dbUrl = url.toString();
    split = await loadEvalSplit(evalDir, 'dev');
    if (split.queries.length < needCount)
      throw new Error(`need ${needCount} eval queries, found ${split.queries.length}`);
    await loadPool();
    managerIds = await makeManagers();
    await deps.engine.sync();
    redis = await startPrivateRedis(true);
    console.info(
      `[pipeline-faults] setup: ${poolSize} achievements ingested, ${managerCount} managers, ${Date.now() - started} ms`,
    );
  }, 180_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await redis?.close();
    await drop?.();
  });
  beforeEach(async () => {
    // Each test's assertions cover its own needs; the outbox is read whole, so it starts empty.
    await db.execute(sql`truncate outbox`);
    logTally.clear();
  });

  /**
   * The pool: the abstracts the needs' titles were written for (so every need has a true match), topped up
   * with other abstracts of the corpus; inserted directly, then ingested in batches. Ingest records each
   * achievement's own match job: deleted, so only the needs' work runs under the faults.
   */
  async function loadPool() {
    const wanted: string[] = [];
    for (const query of split.queries.slice(0, needCount)) {
      for (const docId of split.qrels.get(query.id)?.keys() ?? []) wanted.push(docId);
    }
    const ids = new Set(wanted);
    for (const doc of split.corpus) {
      if (ids.size >= poolSize) break;
      ids.add(doc.id);
    }
    const docs = split.corpus.filter((doc) => ids.has(doc.id));
    const [institution] = await db
      .insert(organisations)
      .values({ name: '故障测试成果大学', kind: 'university', district: '吴兴区' })
      .returning({ id: organisations.id });
    if (!institution) throw new Error('no institution');
    for (let i = 0; i < docs.length; i += 500) {
      const rows = docs.slice(i, i + 500).map((doc) => ({
        id: randomUUID(),
        orgId: institution.id,
        title: titleOf(doc.text),
        abstract: doc.text,
      }));
      await db.insert(achievements).values(rows);
      await ingestRecords({ deps, kind: 'achievement', ids: rows.map((r) => r.id) });
    }
    await db.delete(outbox);
  }

  /** Corpus titles are withheld: an achievement is named by its abstract's first clause. */
  const titleOf = (text: string) => (text.split(/[。，,.;；]/)[0] ?? text).slice(0, 40) || text.slice(0, 40);

  /** Managers covering the chain, each in an agency of their own, with more capacity than any test fills. */
  async function makeManagers() {
    const ids: string[] = [];
    for (let i = 0; i < managerCount; i++) {
      const [agency] = await db
        .insert(organisations)
        .values({ name: `故障测试转移中心${i + 1}`, kind: 'agency' })
        .returning({ id: organisations.id });
      if (!agency) throw new Error('no agency');
      const user = await createUser({
        deps,
        actor: 'system',
        input: { orgId: agency.id, name: `故障测试经理人${i + 1}`, role: 'manager', manager: { chains: [chain] } },
      });
      ids.push(user.id);
    }
    // The input schema caps capacity at 1,000; two batches of up to 3,000 pairs (maxPairs per need) need more,
    // so it is set directly.
    await db.update(managers).set({ capacity: 1_000_000 }).where(inArray(managers.userId, ids));
    return ids;
  }

  /** The batch: 1,000 needs of a new enterprise, written as a bulk import writes them — rows and ingest jobs together. */
  async function recordNeeds(): Promise<string[]> {
    const [enterprise] = await db
      .insert(organisations)
      .values({ name: `故障测试企业-${randomBytes(3).toString('hex')}`, kind: 'enterprise', district: '吴兴区' })
      .returning({ id: organisations.id });
    if (!enterprise) throw new Error('no enterprise');
    const ids: string[] = [];
    const queries = split.queries.slice(0, needCount);
    for (let i = 0; i < queries.length; i += 200) {
      const rows = queries.slice(i, i + 200).map((query) => {
        const title = query.text.trim().slice(0, 200);
        return {
          id: randomUUID(),
          orgId: enterprise.id,
          title,
          description: `${title}，寻求相关技术成果`,
          chainId: chain,
        };
      });
      await db.transaction(async (tx) => {
        await tx.insert(needs).values(rows);
        await recordIngests(
          tx,
          'need',
          rows.map((r) => r.id),
        );
      });
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  /** Starts a worker on this test's private queue prefix and waits for it to say it is ready. */
  const startWorker = (prefix: string) => {
    // node --import tsx, not the tsx binary: that one runs the script in a grandchild, which a SIGKILL of the
    // pid we hold would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'workers', 'pipeline-fault-worker.ts')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PIPELINE_DATABASE_URL: dbUrl,
        PIPELINE_REDIS_URL: redis.url,
        PIPELINE_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    let partial = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    /** Counts the worker's log lines (warn and above, JSON) by message, for the test's summary line. */
    const tally = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const msg = /"msg":"([^"]*)"/.exec(line)?.[1];
        const err = /"err":"([^"]*)"/
          .exec(line)?.[1]
          ?.replace(/(job )\S+/g, '$1…')
          .replace(/:\d+/g, ':…')
          .slice(0, 60);
        const key = err ? `${msg}: ${err}` : msg;
        if (key) logTally.set(key, (logTally.get(key) ?? 0) + 1);
      }
    };
    child.stderr?.on('data', keep);
    child.stdout?.on('data', tally);
    return new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        keep(chunk);
        if (chunk.toString().includes('pipeline-fault-worker ready')) {
          clearTimeout(timer);
          resolve({ child, prefix, output: () => output });
        }
      });
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
    });
  };

  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });

  /** Where the batch stands: needs ingested and matched, pairs stored and routed, outbox rows by status. */
  async function progress(needIds: string[]): Promise<Progress> {
    const ids = sql`(select unnest(${sql.param(needIds)}::uuid[]))`;
    const [counts] = await queryRows<Omit<Progress, 'outbox'>>(
      db,
      sql`select
        (select count(*)::int from match_documents where kind = 'need' and record_id in ${ids}) as docs,
        (select count(distinct need_id)::int from suggestions where need_id in ${ids}) as "withSuggestions",
        (select count(*)::int from suggestions where need_id in ${ids}) as suggestions,
        (select count(*)::int from suggestions where need_id in ${ids} and stage = 'routed') as routed`,
    );
    const statuses = await queryRows<{ status: string; n: number }>(
      db,
      sql`select status, count(*)::int as n from outbox group by status`,
    );
    return {
      docs: counts?.docs ?? 0,
      withSuggestions: counts?.withSuggestions ?? 0,
      suggestions: counts?.suggestions ?? 0,
      routed: counts?.routed ?? 0,
      outbox: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
    };
  }

  const describeProgress = (p: Progress) =>
    `${p.docs} needs ingested, ${p.withSuggestions} with suggestions, ${p.suggestions} pairs (${p.routed} routed); ` +
    `outbox ${JSON.stringify(p.outbox)}`;

  /** Polls until `done` holds, printing the counts every few seconds; fails with the last counts at the deadline. */
  async function waitProgress(
    label: string,
    needIds: string[],
    done: (p: Progress) => boolean,
    timeoutMs: number,
  ): Promise<Progress> {
    const started = Date.now();
    let lastPrint = started;
    for (;;) {
      const p = await progress(needIds);
      if (done(p)) return p;
      const now = Date.now();
      if (now - started > timeoutMs)
        throw new Error(
          `[pipeline-faults] timed out after ${timeoutMs} ms waiting for ${label}: ${describeProgress(p)}`,
        );
      if (now - lastPrint >= 5_000) {
        lastPrint = now;
        console.info(`[pipeline-faults] ${label} +${Math.round((now - started) / 1000)} s: ${describeProgress(p)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const settled = (p: Progress) => !p.outbox.pending && !p.outbox.dispatched;

  /** The end state both faults must converge to. Returns counts for the log line. */
  async function expectConverged(needIds: string[]) {
    const ids = sql`(select unnest(${sql.param(needIds)}::uuid[]))`;

    // No work left, none failed: every outbox row recorded (ingest, match, route) is done.
    const statuses = await queryRows<{ status: string; job: string; n: number }>(
      db,
      sql`select status, job, count(*)::int as n from outbox group by status, job order by job, status`,
    );
    expect(statuses.filter((s) => s.status !== 'done')).toEqual([]);
    expect(statuses.find((s) => s.job === 'ingest')?.n).toBe(needCount);

    // Every need was ingested and matched.
    const docs = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from match_documents where kind = 'need' and record_id in ${ids}`,
    );
    expect(docs[0]?.n).toBe(needCount);
    const matched = await queryRows<{ n: number }>(
      db,
      sql`select count(distinct payload->>'id')::int as n from outbox
        where job = 'match' and payload->>'kind' = 'need' and (payload->>'id')::uuid in ${ids}`,
    );
    expect(matched[0]?.n).toBe(needCount);

    // Each need's pairs are exactly what the production decision selects for it (the calibrated cut-off, at
    // most maxPairs; no pair of these needs is dead, so nothing is left out): nothing lost, nothing extra.
    const stored = await queryRows<{ id: string; need_id: string; achievement_id: string }>(
      db,
      sql`select id, need_id, achievement_id from suggestions where need_id in ${ids}`,
    );
    const storedBy = new Map<string, string[]>();
    for (const s of stored) storedBy.set(s.need_id, [...(storedBy.get(s.need_id) ?? []), s.achievement_id]);
    await deps.engine.sync();
    const missing: string[] = [];
    const extra: string[] = [];
    let expectedPairs = 0;
    let needsWithMatches = 0;
    for (const needId of needIds) {
      const ranked = (await decideNeedPairs({ deps, needId }))?.selected ?? [];
      expectedPairs += ranked.length;
      if (ranked.length > 0) needsWithMatches++;
      const want = new Set(ranked.map((s) => s.achievementId));
      const have = new Set(storedBy.get(needId) ?? []);
      for (const a of want) if (!have.has(a)) missing.push(`${needId}/${a}`);
      for (const a of have) if (!want.has(a)) extra.push(`${needId}/${a}`);
    }
    expect({ missing: missing.slice(0, 10), extra: extra.slice(0, 10) }).toEqual({ missing: [], extra: [] });
    // The titles were chosen so that matching has something to say: nearly every need finds its pairs.
    expect(needsWithMatches).toBeGreaterThanOrEqual(needCount * 0.95);
    // Each need's stored verdict agrees with its pairs: matched with at least one, no_match_yet with none.
    const states = await queryRows<{ state: string | null; n: number }>(
      db,
      sql`select match_state as state, count(*)::int as n from needs where id in ${ids} group by match_state`,
    );
    expect(Object.fromEntries(states.map((r) => [r.state ?? 'null', r.n]))).toEqual({
      matched: needsWithMatches,
      ...(needsWithMatches < needCount ? { no_match_yet: needCount - needsWithMatches } : {}),
    });

    // No pair twice (the unique index holds), and the count is exactly what the decision selects.
    const [pairs] = await queryRows<{ total: number; distinct: number }>(
      db,
      sql`select count(*)::int as total, count(distinct (need_id, achievement_id))::int as distinct
        from suggestions where need_id in ${ids}`,
    );
    expect(pairs).toEqual({ total: expectedPairs, distinct: expectedPairs });

    // Every pair routed to one of the chain's managers, by exactly one routing decision (one 'routed' event).
    const unrouted = await queryRows<{ id: string; stage: string; manager_id: string | null }>(
      db,
      sql`select id, stage, manager_id from suggestions where need_id in ${ids}
        and (stage <> 'routed' or manager_id is null or not (manager_id = any(${sql.param(managerIds)}::uuid[])))`,
    );
    expect(unrouted).toEqual([]);
    const events = await queryRows<{ type: string; n: number; suggestions: number; max: number }>(
      db,
      sql`select type, count(*)::int as n, count(distinct suggestion_id)::int as suggestions,
          max(per)::int as max
        from (select e.type, e.suggestion_id, count(*) over (partition by e.suggestion_id, e.type) as per
          from suggestion_events e join suggestions s on s.id = e.suggestion_id where s.need_id in ${ids}) t
        group by type order by type`,
    );
    expect(events).toEqual([{ type: 'routed', n: stored.length, suggestions: stored.length, max: 1 }]);

    // Each match run that stored new pairs recorded one route job for them: every pair is in exactly one.
    const routeJobs = await queryRows<{ payload: { suggestionIds?: string[]; suggestionId?: string } }>(
      db,
      sql`select payload from outbox where job = 'route'`,
    );
    const routedIds = routeJobs.flatMap((r) => r.payload.suggestionIds ?? [r.payload.suggestionId ?? '']);
    expect(routedIds.sort()).toEqual(stored.map((s) => s.id).sort());

    // For the log: how much work ran more than once, and the errors seen on the way (all since retried).
    const [retried] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where attempts > 1`);
    const errors = await queryRows<{ error: string }>(
      db,
      sql`select distinct left(last_error, 160) as error from outbox where last_error is not null`,
    );
    const jobs = Object.fromEntries(statuses.map((s) => [s.job, s.n]));
    return {
      pairs: stored.length,
      needsWithMatches,
      jobs,
      retried: retried?.n ?? 0,
      errors: errors.map((e) => e.error),
    };
  }

  /**
   * Records the batch, starts a worker, strikes at each stage in turn (`strike` answers the worker to carry
   * on with), waits for the batch to settle, stops the last worker cleanly and checks the end state.
   */
  async function runBatch(label: string, strike: (worker: Worker) => Promise<Worker>) {
    const prefix = `pfault-${randomBytes(4).toString('hex')}`;
    const needIds = await recordNeeds();
    const started = Date.now();
    let worker = await startWorker(prefix);
    const at: string[] = [];
    for (const { stage, due } of strikes) {
      await waitProgress(`before the ${stage} ${label}`, needIds, due, 60_000);
      worker = await strike(worker);
      const p = await progress(needIds);
      console.info(`[pipeline-faults] ${label} (${stage}) at +${Date.now() - started} ms: ${describeProgress(p)}`);
      // Struck mid-batch: work was still recorded and unfinished.
      expect(settled(p)).toBe(false);
      at.push(`${stage}: ${p.docs}/${p.withSuggestions}/${p.routed}`);
    }
    await waitProgress(`after the last ${label}`, needIds, settled, 120_000);
    const converged = Date.now() - started;
    worker.child.kill('SIGTERM');
    expect(await exited(worker.child)).toBe(0);
    const result = await expectConverged(needIds);
    console.info(
      `[pipeline-faults] ${label}: struck at [${at.join('; ')}] (needs ingested/with suggestions/pairs routed); ` +
        `converged in ${converged} ms; ${result.pairs} pairs routed, ${result.needsWithMatches} needs with ` +
        `matches; outbox rows ${JSON.stringify(result.jobs)}, ${result.retried} retried after an error` +
        (result.errors.length ? ` (${result.errors.join(' | ')})` : '') +
        `; worker warnings: ${JSON.stringify(Object.fromEntries(logTally))}`,
    );
  }

  it('a worker SIGKILLed mid-batch of 1,000 needs (ingest, match, route) is replaced each time: every need gets exactly its routed suggestions', async () => {
    await runBatch('SIGKILL', async (worker) => {
      worker.child.kill('SIGKILL');
      await exited(worker.child);
      return startWorker(worker.prefix);
    });
  }, 300_000);

  it('Redis restarted mid-batch (with its AOF, then twice without any data): the worker reconnects, lost jobs are recovered, nothing doubles', async () => {
    let restarts = 0;
    await runBatch('Redis restart', async (worker) => {
      // First with the AOF (queued jobs survive, connections drop); then empty: every queued and running job
      // is gone from Redis and only the outbox knows about it.
      await redis.restart({ appendonly: restarts++ === 0 });
      return worker;
    });
  }, 300_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../schema/db.ts';
import { checkService } from '../support/services.ts';
import { openTestDb } from '../support/test-db.ts';
import { waitFor } from './job-runner-contract.ts';
import { hasRedisServer, startPrivateRedis } from './private-redis.ts';

const database = await checkService('TEST_DATABASE_URL');
const redisServer = hasRedisServer();
if (!redisServer && process.env.REQUIRE_SERVICES === '1')
  throw new Error('REQUIRE_SERVICES=1 but redis-server is missing');
const skip = !database.available ? database.reason : redisServer ? '' : 'redis-server binary not found';
if (skip) console.warn(`[skip] worker fault tests skipped: ${skip}`);

type Db = Awaited<ReturnType<typeof openTestDb>>['db'];
type Redis = Awaited<ReturnType<typeof startPrivateRedis>>;

/**
 * Nothing lost under faults (issue 4): real PostgreSQL, a private redis-server we can stop, and worker child
 * processes built by the production composition (fault-worker.ts) that we SIGKILL. Every test records its jobs
 * in the outbox and asserts the end state: each id has its one result row, and no outbox row is left pending
 * or dispatched.
 */
describe.skipIf(Boolean(skip))('worker fault tolerance (PostgreSQL + private Redis)', () => {
  let db: Db;
  let dbUrl: string;
  let drop: () => Promise<void>;
  let redis: Redis;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    const handle = await openTestDb('postgres', database.url);
    ({ db, drop } = handle);
    const [row] = await queryRows<{ name: string }>(db, sql`select current_database() as name`);
    const url = new URL(database.url ?? '');
    url.pathname = `/${row?.name}`;
    dbUrl = url.toString();
    await db.execute(sql`create table fault_results (id text primary key, at timestamptz not null default now())`);
    await db.execute(sql`create table fault_runs (id text not null, job_id text not null, attempt int not null)`);
    redis = await startPrivateRedis(true);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await redis?.close();
    await drop?.();
  });
  beforeEach(async () => {
    await db.execute(sql`truncate fault_results, fault_runs, outbox`);
  });

  /** Starts a worker on this test's private queue prefix and waits for it to say it is ready. */
  const startWorker = (prefix: string, poison = '') => {
    // node --import tsx, not the tsx binary: that one runs the script in a grandchild, which a SIGKILL of the
    // pid we hold would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'workers', 'fault-worker.ts')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        FAULT_DATABASE_URL: dbUrl,
        FAULT_REDIS_URL: redis.url,
        FAULT_PREFIX: prefix,
        FAULT_POISON: poison,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    return new Promise<{ child: ChildProcess; output: () => string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('fault-worker ready')) {
          clearTimeout(timer);
          resolve({ child, output: () => output });
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

  const recordJobs = (n: number) =>
    db.execute(sql`insert into outbox (job, job_key, payload)
      select 'fault', 'fault-' || i, jsonb_build_object('id', 'id-' || i) from generate_series(1, ${n}) i`);

  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, query))[0]?.n);
  const results = () => count(sql`select count(*)::int as n from fault_results`);
  const unsettled = () => count(sql`select count(*)::int as n from outbox where status in ('pending', 'dispatched')`);

  /** The end state every fault must converge to: each id once, nothing pending or dispatched. */
  const expectConverged = async (n: number, failed: string[] = []) => {
    const ids = await queryRows<{ id: string }>(db, sql`select id from fault_results order by id`);
    const expected = Array.from({ length: n }, (_, i) => `id-${i + 1}`).filter((id) => !failed.includes(id));
    expect(ids.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(await unsettled()).toBe(0);
    const statuses = await queryRows<{ status: string; n: number }>(
      db,
      sql`select status, count(*)::int as n from outbox group by status order by status`,
    );
    expect(statuses).toEqual([
      { status: 'done', n: n - failed.length },
      ...(failed.length ? [{ status: 'failed', n: failed.length }] : []),
    ]);
    return count(sql`select count(*)::int as n from fault_runs`);
  };

  it('a worker SIGKILLed mid-batch of 1,000 is replaced and every job completes exactly once', async () => {
    const prefix = `fault-${randomBytes(4).toString('hex')}`;
    const started = Date.now();
    await recordJobs(1000);
    const first = await startWorker(prefix);
    await waitFor(async () => (await results()) >= 150, 30_000, 'first results');
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = await results();
    expect(atKill).toBeLessThan(1000);
    const second = await startWorker(prefix);
    await waitFor(async () => (await results()) === 1000 && (await unsettled()) === 0, 60_000, 'convergence');
    const runs = await expectConverged(1000);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    console.info(`[faults] SIGKILL: killed at ${atKill}/1000, ${runs} runs, converged in ${Date.now() - started} ms`);
  }, 120_000);

  it.each([
    { appendonly: true, label: 'AOF on' },
    { appendonly: false, label: 'AOF off: every queued job is lost' },
  ])(
    'Redis restarted mid-batch ($label): the worker reconnects and the reconciler recovers lost jobs',
    async ({ appendonly }) => {
      const prefix = `fault-${randomBytes(4).toString('hex')}`;
      const started = Date.now();
      await recordJobs(1000);
      const worker = await startWorker(prefix);
      await waitFor(async () => (await results()) >= 150, 30_000, 'first results');
      await redis.restart({ appendonly });
      const atRestart = await results();
      expect(atRestart).toBeLessThan(1000);
      await waitFor(async () => (await results()) === 1000 && (await unsettled()) === 0, 60_000, 'convergence');
      const runs = await expectConverged(1000);
      worker.child.kill('SIGTERM');
      expect(await exited(worker.child)).toBe(0);
      console.info(
        `[faults] Redis restart (${appendonly ? 'AOF' : 'no AOF'}): at ${atRestart}/1000, ${runs} runs, converged in ${Date.now() - started} ms`,
      );
    },
    120_000,
  );

  it('a poisoned record fails once with its error while all the others complete', async () => {
    const prefix = `fault-${randomBytes(4).toString('hex')}`;
    await recordJobs(200);
    const worker = await startWorker(prefix, 'id-77');
    await waitFor(async () => (await unsettled()) === 0, 30_000, 'all settled');
    await expectConverged(200, ['id-77']);
    const [poisoned] = await queryRows<{ attempts: number; last_error: string }>(
      db,
      sql`select attempts, last_error from outbox where status = 'failed'`,
    );
    expect(poisoned).toEqual({ attempts: 1, last_error: 'ValidationError validation_failed: invalid: id' });
    expect(await count(sql`select count(*)::int as n from fault_runs where id = 'id-77'`)).toBe(1);
    worker.child.kill('SIGTERM');
    expect(await exited(worker.child)).toBe(0);
  }, 60_000);
});

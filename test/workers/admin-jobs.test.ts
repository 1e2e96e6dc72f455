import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { outbox } from '../../schema/outbox.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

describe('GET /v1/admin/jobs', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let call: Call;
  let deps: Deps;
  let admin: Persona;
  let ent: Persona;
  let queueDown = false;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    const jobQueue = {
      kind: 'bullmq',
      counts: async () => {
        if (queueDown) throw new Error('redis down');
        return { waiting: 7, active: 2, delayed: 1 };
      },
    };
    deps = { ...testDeps(handle.db), jobQueue } as Deps;
    ({ call, close } = await startServer(deps));
    [admin, ent] = await Promise.all([makePersona(deps, 'admin'), makePersona(deps, 'enterprise')]);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await deps.db.insert(outbox).values([
      { job: 'ingest', jobKey: 'ingest-need-a', payload: { id: 'a' }, status: 'done', finishedAt: ago(1) },
      { job: 'ingest', jobKey: 'ingest-need-b', payload: { id: 'b' }, status: 'pending', availableAt: ago(30) },
      { job: 'match', jobKey: 'match-need-c', payload: { id: 'c' }, status: 'dispatched', dispatchedAt: ago(30) },
      { job: 'match', jobKey: 'match-need-d', payload: { id: 'd' }, status: 'dispatched', dispatchedAt: ago(0) },
      {
        job: 'route',
        jobKey: 'route-e',
        payload: { secret: '保密配方' },
        status: 'failed',
        attempts: 1,
        lastError: 'ValidationError validation_failed: invalid: title',
        finishedAt: ago(2),
      },
    ]);
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  it('is for admins only', async () => {
    expect((await call('GET', '/v1/admin/jobs', { key: ent.key })).status).toBe(403);
    expect((await call('GET', '/v1/admin/jobs')).status).toBe(401);
  });

  it('shows counts by job and status, recent failures, stuck work and the queue depth', async () => {
    const res = await call('GET', '/v1/admin/jobs?stuckAfterSeconds=600', { key: admin.key });
    expect(res.status).toBe(200);
    expect(res.body.byJob).toEqual([
      { job: 'ingest', pending: 1, dispatched: 0, done: 1, failed: 0 },
      { job: 'match', pending: 0, dispatched: 2, done: 0, failed: 0 },
      { job: 'route', pending: 0, dispatched: 0, done: 0, failed: 1 },
    ]);
    expect(res.body.queue).toEqual({ runner: 'bullmq', waiting: 7, active: 2, delayed: 1 });
    expect(res.body.recentFailures).toEqual([
      expect.objectContaining({
        job: 'route',
        key: 'route-e',
        attempts: 1,
        lastError: 'ValidationError validation_failed: invalid: title',
      }),
    ]);
    expect(res.body.stuck.map((r: { key: string }) => r.key)).toEqual(['ingest-need-b', 'match-need-c']);
    expect(res.body.stuckTotal).toBe(2);
    expect(typeof res.body.oldestPendingAt).toBe('string');
    expect(JSON.stringify(res.body)).not.toContain('保密配方');
  });

  it('still answers from the outbox when the queue cannot be reached, and validates its query', async () => {
    queueDown = true;
    const res = await call('GET', '/v1/admin/jobs?limit=1', { key: admin.key });
    expect(res.status).toBe(200);
    expect(res.body.queue).toBeNull();
    expect(res.body.stuck).toHaveLength(1);
    const bad = await call('GET', '/v1/admin/jobs?limit=0', { key: admin.key });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('counts nothing on an empty outbox', async () => {
    await deps.db.execute(sql`delete from outbox`);
    const res = await call('GET', '/v1/admin/jobs', { key: admin.key });
    expect(res.body).toMatchObject({ byJob: [], recentFailures: [], stuck: [], stuckTotal: 0, oldestPendingAt: null });
  });
});

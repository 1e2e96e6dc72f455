import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../api/app.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { createRunner } from '../../scripts/create-runner.ts';
import { catalogOf, defineJob } from '../../workers/job-catalog.ts';
import { createMetrics, serveMetrics } from '../../workers/metrics.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { makeChain, makePair } from '../support/pipeline-factories.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { waitFor } from '../workers/job-runner-contract.ts';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The Prometheus text format, enough of it for assertions: `name{a="x",b="y"} value`. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`unparsed metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key = '', value = ''] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

const find = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
const value = (samples: Sample[], name: string, labels: Record<string, string>) => {
  const found = find(samples, name, labels);
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
};

describe('GET /metrics', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let call: Call;
  let deps: Deps;
  let ent: Persona;
  let secretTitle: string;
  let pairIds: string[] = [];

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    const jobQueue = { kind: 'inprocess', counts: async () => ({ waiting: 7, active: 2, delayed: 1 }) };
    deps = { ...testDeps(handle.db), jobQueue } as Deps;
    ({ call, close } = await startServer(deps));
    const [entP, inst] = await Promise.all([makePersona(deps, 'enterprise'), makePersona(deps, 'institution')]);
    ent = entP;
    const chain = await makeChain(deps);
    secretTitle = `保密配方-${randomUUID().slice(0, 8)}`;
    const pairs = [];
    for (let i = 0; i < 4; i++) {
      pairs.push(
        await makePair(
          deps,
          { entOrgId: ent.orgId, instOrgId: inst.orgId, chain },
          { need: { title: `${secretTitle}-${i}`, confidentiality: 'confidential' } },
        ),
      );
    }
    pairIds = pairs.map((p) => p.suggestion.id);
    const [, second, third, fourth] = pairIds;
    await deps.db
      .update(suggestions)
      .set({ stage: 'accepted' })
      .where(eq(suggestions.id, second ?? ''));
    await deps.db
      .update(suggestions)
      .set({ stage: 'declined' })
      .where(eq(suggestions.id, third ?? ''));
    await deps.db
      .update(suggestions)
      .set({ stage: 'declined' })
      .where(eq(suggestions.id, fourth ?? ''));
    await deps.db.insert(outbox).values([
      { job: 'metrics-probe', jobKey: 'metrics-probe-a', payload: { id: 'a' }, status: 'pending' },
      { job: 'metrics-probe', jobKey: 'metrics-probe-b', payload: { id: 'b' }, status: 'done' },
      { job: 'metrics-probe', jobKey: 'metrics-probe-c', payload: { id: 'c' }, status: 'done' },
      {
        job: 'metrics-probe',
        jobKey: 'metrics-probe-d',
        payload: { id: 'd' },
        status: 'failed',
        lastError: 'Error: password=hunter2',
      },
    ]);
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  it('needs no key and labels request durations by route pattern, never by raw path', async () => {
    const missing = randomUUID();
    expect((await call('GET', `/v1/needs/${missing}`, { key: ent.key })).status).toBe(404);
    expect((await call('GET', `/v1/needs/${missing}`)).status).toBe(401);
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', `/no/such/${missing}`)).status).toBe(404);

    const res = await call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(res.body).not.toContain(missing);
    const samples = parse(res.body);
    const count = (route: string, status: string) =>
      value(samples, 'http_request_duration_seconds_count', { method: 'GET', route, status });
    expect(count('/v1/needs/:id', '404')).toBe(1);
    // Rejected by the auth middleware before the handler ran: still the pattern of the route the path matched.
    expect(count('/v1/needs/:id', '401')).toBe(1);
    expect(count('/healthz', '200')).toBe(1);
    expect(count('unmatched', '404')).toBe(1);
    expect(find(samples, 'http_request_duration_seconds_bucket', { route: '/v1/needs/:id', le: '+Inf' })).toHaveLength(
      2,
    );
    // Default process metrics come along.
    expect(find(samples, 'process_cpu_user_seconds_total', {})).toHaveLength(1);
    expect(find(samples, 'nodejs_heap_size_used_bytes', {})).toHaveLength(1);
  });

  it('reports queue depth, outbox rows by job and status, and suggestions by stage at scrape time', async () => {
    const res = await call('GET', '/metrics');
    const samples = parse(res.body);
    expect(value(samples, 'job_queue_depth', { state: 'waiting' })).toBe(7);
    expect(value(samples, 'job_queue_depth', { state: 'active' })).toBe(2);
    expect(value(samples, 'job_queue_depth', { state: 'delayed' })).toBe(1);

    const outboxRows = (status: string) => value(samples, 'outbox_rows', { job_name: 'metrics-probe', status });
    expect([outboxRows('pending'), outboxRows('dispatched'), outboxRows('done'), outboxRows('failed')]).toEqual([
      1, 0, 2, 1,
    ]);

    const stage = (name: string) => value(samples, 'suggestions_by_stage', { stage: name });
    expect([stage('suggested'), stage('accepted'), stage('declined'), stage('landed')]).toEqual([1, 1, 2, 0]);

    // A change shows on the next scrape: the gauges are read from the database, not cached.
    await deps.db
      .update(suggestions)
      .set({ stage: 'landed' })
      .where(eq(suggestions.id, pairIds[1] ?? ''));
    const next = parse((await call('GET', '/metrics')).body);
    expect(value(next, 'suggestions_by_stage', { stage: 'accepted' })).toBe(0);
    expect(value(next, 'suggestions_by_stage', { stage: 'landed' })).toBe(1);
  });

  it('carries no secrets, ids or confidential text', async () => {
    const { body } = await call('GET', '/metrics');
    expect(body).not.toContain(ent.key);
    expect(body).not.toContain(secretTitle);
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('metrics-probe-a');
    for (const id of [...pairIds, ent.userId, ent.orgId]) expect(body).not.toContain(id);
    expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('counts job outcomes and durations from the runner listener, on a registry of its own', async () => {
    const payload = z.object({ id: z.string() });
    const fast = { payload, attempts: 2, backoff: { delayMs: 10, maxDelayMs: 20, jitter: 0 }, timeoutMs: 2_000 };
    const catalog = catalogOf([
      defineJob({ name: 'echo', ...fast, process: async () => {} }),
      defineJob({
        name: 'flaky',
        ...fast,
        process: async (_deps, _p, meta) => {
          if (meta.attempt === 1) throw new Error('connection reset');
        },
      }),
      defineJob({
        name: 'broken',
        ...fast,
        attempts: 1,
        process: async () => {
          throw new Error('always');
        },
      }),
    ]);
    const metrics = createMetrics({ processMetrics: false });
    const jobs = createRunner({ REDIS_URL: undefined }, deps, catalog, {
      role: 'api',
      listeners: [metrics.jobListener],
      slaSweepEveryMs: 0,
    });
    // A second app in the same process: its own registry, so nothing is registered twice.
    const app = createApp({ ...deps, jobQueue: jobs.runner }, { bodyLimitBytes: 64 * 1024, metrics });
    const scrape = async () => parse(await (await app.request('/metrics')).text());
    try {
      await jobs.start();
      for (const [name, id] of [
        ['echo', 'echo-1'],
        ['echo', 'echo-2'],
        ['flaky', 'flaky-1'],
        ['broken', 'broken-1'],
      ] as const) {
        await jobs.runner.dispatch({ name, id, payload: { id } });
      }
      await waitFor(
        async () => {
          const samples = await scrape();
          return (
            find(samples, 'jobs_completed_total', {}).reduce((n, s) => n + s.value, 0) === 3 &&
            find(samples, 'jobs_failed_total', {}).length === 1
          );
        },
        10_000,
        'job metrics',
      );
      const samples = await scrape();
      expect(value(samples, 'jobs_completed_total', { job_name: 'echo' })).toBe(2);
      expect(value(samples, 'jobs_completed_total', { job_name: 'flaky' })).toBe(1);
      expect(value(samples, 'jobs_retried_total', { job_name: 'flaky' })).toBe(1);
      expect(value(samples, 'jobs_failed_total', { job_name: 'broken' })).toBe(1);
      expect(find(samples, 'jobs_failed_total', { job_name: 'echo' })).toHaveLength(0);
      expect(value(samples, 'job_duration_seconds_count', { job_name: 'echo', outcome: 'completed' })).toBe(2);
      expect(value(samples, 'job_duration_seconds_count', { job_name: 'flaky', outcome: 'retrying' })).toBe(1);
      expect(value(samples, 'job_duration_seconds_count', { job_name: 'broken', outcome: 'failed' })).toBe(1);
      // The in-process runner's real counts, and the /metrics request itself is in this app's histogram only.
      expect(value(samples, 'job_queue_depth', { state: 'waiting' })).toBe(0);
      expect(find(samples, 'process_cpu_user_seconds_total', {})).toHaveLength(0);
      expect(find(samples, 'http_request_duration_seconds_count', { route: '/v1/needs/:id' })).toHaveLength(0);
      expect(
        value(samples, 'http_request_duration_seconds_count', { route: '/metrics', status: '200' }),
      ).toBeGreaterThan(0);
    } finally {
      await jobs.stop({ drain: false });
    }
  });

  it("serves a worker's metrics on a bare listener (METRICS_PORT), GET /metrics only", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.watch({ jobQueue: { kind: 'bullmq', counts: async () => ({ waiting: 3, active: 0, delayed: 0 }) } });
    await metrics.jobListener({
      outcome: 'completed',
      job: { name: 'match', id: 'match-x', attempt: 1 },
      durationMs: 40,
    });
    const server = serveMetrics(metrics, { port: 0, host: '127.0.0.1', logger: deps.logger });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      const samples = parse(await res.text());
      expect(value(samples, 'jobs_completed_total', { job_name: 'match' })).toBe(1);
      expect(value(samples, 'job_queue_depth', { state: 'waiting' })).toBe(3);
      // No database source on a worker: the outbox and stage gauges are the API's.
      expect(find(samples, 'suggestions_by_stage', {})).toHaveLength(0);
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

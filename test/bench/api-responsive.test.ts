import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { ingestRecords } from '../../matching/pipeline/ingest-record.ts';
import { achievements } from '../../schema/achievements.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { achievementCorpus, needBodies } from '../../scripts/bench/load-data.ts';
import { createInProcessRunner } from '../../workers/inprocess-runner.ts';
import type { JobSettled } from '../../workers/job-runner.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { waitFor } from '../workers/job-runner-contract.ts';

/**
 * The longest the event loop went without running a 1 ms interval timer, i.e. what a request arriving during
 * `work` would have waited before any handling. Compared with the work's own duration, not a fixed number of
 * milliseconds, so a slow or shared machine stretches both sides alike.
 */
async function longestStall(work: () => Promise<void>): Promise<{ stallMs: number; totalMs: number; ticks: number }> {
  let last = performance.now();
  let stallMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    ticks++;
  }, 1);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const now = performance.now();
  return { stallMs: Math.max(stallMs, now - last), totalMs: now - started, ticks };
}

/**
 * The embedded default runs PGlite, the jobs and the HTTP server on one thread, and PGlite settles queries as
 * microtasks: work that only awaits the database never lets the event loop poll for I/O. These burst the CPU
 * work of the pipeline and require the loop to come round many times meanwhile, each gap a small part of it.
 */
describe('background work leaves the event loop to the API', () => {
  let handle: Awaited<ReturnType<typeof openTestDb>>;
  let deps: Deps;
  let enterpriseId: string;

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    deps = testDeps(handle.db);
    const [institute] = await deps.db
      .insert(organisations)
      .values({ name: '响应测试大学', kind: 'university' })
      .returning();
    const [enterprise] = await deps.db
      .insert(organisations)
      .values({ name: '响应测试企业', kind: 'enterprise' })
      .returning();
    if (!institute || !enterprise) throw new Error('no organisations');
    enterpriseId = enterprise.id;
    const corpus = achievementCorpus();
    const rows = Array.from({ length: 150 }, (_, i) => {
      const doc = corpus[i % corpus.length];
      return {
        id: randomUUID(),
        orgId: institute.id,
        title: doc?.title ?? '',
        abstract: `${doc?.text ?? ''}（第${i}版）`,
      };
    });
    await deps.db.insert(achievements).values(rows);
    // Warm-up outside the measurement: the first analysis loads jieba's dictionaries and prepares the taxonomy
    // (one-off seconds on a busy machine, at start-up rather than under load).
    const [first, ...rest] = rows.map((r) => r.id);
    await ingestRecords({ deps, kind: 'achievement', ids: first ? [first] : [] });
    const bulk = await longestStall(async () => {
      await ingestRecords({ deps, kind: 'achievement', ids: rest });
      await deps.engine.sync();
    });
    // Also a test: one call analysing 149 documents (about a millisecond each) and the engine applying them.
    expect(deps.engine.size('achievement')).toBe(150);
    expect(bulk.stallMs, JSON.stringify(bulk)).toBeLessThan(bulk.totalMs / 2);
  }, 300_000);

  afterAll(async () => {
    await handle?.drop();
  });

  it('a bulk ingest yields between documents', async () => {
    const [institute] = await deps.db
      .insert(organisations)
      .values({ name: '响应测试二', kind: 'university' })
      .returning();
    if (!institute) throw new Error('no organisation');
    const corpus = achievementCorpus();
    const rows = Array.from({ length: 100 }, (_, i) => {
      const doc = corpus[(i * 7) % corpus.length];
      return {
        id: randomUUID(),
        orgId: institute.id,
        title: doc?.title ?? '',
        abstract: `${doc?.text ?? ''}（批${i}）`,
      };
    });
    await deps.db.insert(achievements).values(rows);
    const run = await longestStall(() =>
      ingestRecords({ deps, kind: 'achievement', ids: rows.map((r) => r.id) }).then(),
    );
    // Without yielding the loop ticks about twice in the whole ingest; a loaded machine fires timers late, so the
    // count is kept low and the stall bound below carries the weight.
    expect(run.ticks, JSON.stringify(run)).toBeGreaterThan(3);
    // One transaction for the batch held the loop for most of it (0.6 of the call); chunks leave gaps of ~0.1.
    expect(run.stallMs, JSON.stringify(run)).toBeLessThan(run.totalMs / 2);
  }, 300_000);

  it('a burst of ingest and match jobs in the in-process runner', async () => {
    const bodies = needBodies(24, 'resp');
    const rows = bodies.map((b) => ({
      id: randomUUID(),
      orgId: enterpriseId,
      title: b.title,
      description: b.description,
    }));
    await deps.db.insert(needs).values(rows);
    const settled: JobSettled[] = [];
    const runner = createInProcessRunner({
      deps,
      catalog: productionCatalog(),
      listeners: [(event) => void settled.push(event)],
      concurrency: 2,
    });
    await runner.start();
    try {
      const run = await longestStall(async () => {
        // Run first in, first out: the ingests, then each need's match against the 250 achievements.
        for (const row of rows)
          await runner.dispatch({ name: 'ingest', id: `ingest-need-${row.id}`, payload: { kind: 'need', id: row.id } });
        for (const row of rows)
          await runner.dispatch({ name: 'match', id: `match-need-${row.id}`, payload: { kind: 'need', id: row.id } });
        await waitFor(() => settled.length === rows.length * 2, 120_000, 'the burst to settle');
      });
      expect(settled.filter((e) => e.outcome !== 'completed')).toEqual([]);
      expect(run.ticks, JSON.stringify(run)).toBeGreaterThan(rows.length);
      // Before each job started on a fresh turn of the loop, the burst ran as one macrotask: stall ≈ total.
      expect(run.stallMs, JSON.stringify(run)).toBeLessThan(run.totalMs / 3);
    } finally {
      await runner.stop({ drain: true });
    }
  }, 300_000);
});

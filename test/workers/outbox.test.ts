import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Deps } from '../../matching/core/deps.ts';
import { ValidationError } from '../../matching/core/errors.ts';
import { recordJob, type Work } from '../../matching/core/outbox.ts';
import { outbox } from '../../schema/outbox.ts';
import { createInProcessRunner } from '../../workers/inprocess-runner.ts';
import { catalogOf, defineJob } from '../../workers/job-catalog.ts';
import type { JobRequest, JobRunner } from '../../workers/job-runner.ts';
import { outboxJobId } from '../../workers/outbox-job-id.ts';
import { outboxListener } from '../../workers/outbox-listener.ts';
import { createOutboxReconciler } from '../../workers/outbox-reconciler.ts';
import { createOutboxRelay } from '../../workers/outbox-relay.ts';
import { checkService } from '../support/services.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { waitFor } from './job-runner-contract.ts';

const payload = z.object({ id: z.string() });
const settings = { attempts: 3, backoff: { delayMs: 10, maxDelayMs: 50, jitter: 0 }, timeoutMs: 2_000 };
const ran: string[] = [];
const catalog = catalogOf([
  defineJob({ name: 'work', payload, ...settings, process: async (_d, p) => void ran.push(p.id) }),
  defineJob({
    name: 'poison',
    payload,
    ...settings,
    process: async () => {
      throw new ValidationError([{ field: 'title', issue: 'too_small' }]);
    },
  }),
  defineJob({
    name: 'leaky',
    payload,
    ...settings,
    attempts: 1,
    process: async () => {
      // A driver error quoting a confidential value: it must not reach last_error.
      throw Object.assign(new Error('duplicate key (title)=(保密：某企业电池配方)'), { code: '23505' });
    },
  }),
]);

/** Records dispatches instead of running them; `failFor` makes some dispatches reject. */
function recordingRunner(failFor: (r: JobRequest) => boolean = () => false): JobRunner & { seen: JobRequest[] } {
  const seen: JobRequest[] = [];
  return {
    kind: 'inprocess',
    seen,
    async dispatch(request) {
      if (failFor(request)) throw new Error('redis down');
      seen.push(request);
    },
    async start() {},
    async stop() {},
    async counts() {
      return { waiting: 0, active: 0, delayed: 0 };
    },
  };
}

const rowsOf = (deps: Deps) => deps.db.select().from(outbox).orderBy(outbox.id);

function outboxSuite(backend: Backend, serverUrl?: string) {
  describe(`outbox relay and reconciler on ${backend}`, () => {
    let deps: Deps;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const handle = await openTestDb(backend, serverUrl);
      drop = handle.drop;
      deps = testDeps(handle.db);
    });
    afterAll(async () => drop?.());
    beforeEach(async () => {
      await deps.db.delete(outbox);
      ran.length = 0;
    });
    const record = (job: string, key: string, availableAt?: Date) =>
      // The outbox is plumbing for any job name; these tests' jobs are not the domain's, so the payload type is waived.
      recordJob(deps.db, {
        job,
        key,
        payload: { id: key },
        ...(availableAt ? { availableAt } : {}),
      } as unknown as Work);
    const system = () => {
      const runner = createInProcessRunner({ deps, catalog, listeners: [outboxListener(deps.db, deps.clock)] });
      const relay = createOutboxRelay({ ...deps, runner, jobs: [...catalog.keys()], pollMs: 20 });
      return { runner, relay };
    };

    it('dispatches due rows of known jobs, and the runner marks them done', async () => {
      await record('work', 'work-a');
      await record('work', 'work-later', new Date(Date.now() + 60_000));
      await record('unknown', 'unknown-a');
      const { runner, relay } = system();
      await runner.start();
      expect(await relay.tick()).toBe(1);
      await waitFor(async () => (await rowsOf(deps))[0]?.status === 'done', 5_000, 'done');
      const [done, later, unknown] = await rowsOf(deps);
      expect(done).toMatchObject({ status: 'done', attempts: 1, lastError: null });
      expect(done?.finishedAt).toBeInstanceOf(Date);
      expect(later?.status).toBe('pending');
      expect(unknown?.status).toBe('pending');
      expect(ran).toEqual(['work-a']);
      await runner.stop();
    });

    it('marks a permanent failure failed after one attempt, and keeps confidential text out of last_error', async () => {
      await record('poison', 'poison-a');
      await record('leaky', 'leaky-a');
      const { runner, relay } = system();
      await runner.start();
      relay.start();
      await waitFor(async () => (await rowsOf(deps)).every((r) => r.status === 'failed'), 5_000, 'failed');
      await relay.stop();
      await runner.stop();
      const [poison, leaky] = await rowsOf(deps);
      expect(poison).toMatchObject({ attempts: 1, lastError: 'ValidationError validation_failed: invalid: title' });
      expect(leaky).toMatchObject({ attempts: 1, lastError: 'Error 23505' });
    });

    it('puts rows back to pending when dispatch fails, and dispatches them on a later tick', async () => {
      await record('work', 'work-a');
      await record('work', 'work-b');
      let redisDown = true;
      const runner = recordingRunner((r) => redisDown && r.id.startsWith('work-b'));
      const relay = createOutboxRelay({ ...deps, runner, jobs: ['work'] });
      await relay.tick();
      expect((await rowsOf(deps)).map((r) => r.status)).toEqual(['dispatched', 'pending']);
      redisDown = false;
      await relay.tick();
      expect((await rowsOf(deps)).map((r) => r.status)).toEqual(['dispatched', 'dispatched']);
      expect(runner.seen.map((r) => r.id)).toEqual((await rowsOf(deps)).map(outboxJobId));
    });

    it('re-dispatches rows stuck in dispatched past the age, with the same job id, once per age', async () => {
      await record('work', 'work-old');
      await record('work', 'work-fresh');
      const [old] = await rowsOf(deps);
      await deps.db.update(outbox).set({ status: 'dispatched', dispatchedAt: new Date(Date.now() - 120_000) });
      await deps.db.update(outbox).set({ dispatchedAt: new Date() }).where(eq(outbox.jobKey, 'work-fresh'));
      const runner = recordingRunner();
      const reconciler = createOutboxReconciler({ ...deps, runner, jobs: ['work'], stuckAfterMs: 60_000 });
      expect(await reconciler.tick()).toBe(1);
      expect(await reconciler.tick()).toBe(0);
      expect(runner.seen).toEqual([
        { name: 'work', id: outboxJobId(old ?? { id: 0, jobKey: '' }), payload: { id: 'work-old' } },
      ]);
    });

    it('recovers work a crashed in-process runner held: the reconciler runs it on the next start', async () => {
      await record('work', 'work-lost');
      const crashed = recordingRunner(); // took the job, then the process died
      await createOutboxRelay({ ...deps, runner: crashed, jobs: ['work'] }).tick();
      const { runner } = system();
      await runner.start();
      const reconciler = createOutboxReconciler({ ...deps, runner, jobs: ['work'], stuckAfterMs: 0 });
      await reconciler.tick();
      await waitFor(async () => (await rowsOf(deps))[0]?.status === 'done', 5_000, 'done');
      expect(ran).toEqual(['work-lost']);
      await runner.stop();
    });

    it('stops polling cleanly', async () => {
      const runner = recordingRunner();
      const relay = createOutboxRelay({ ...deps, runner, jobs: ['work'], pollMs: 10 });
      relay.start();
      await relay.stop();
      await record('work', 'work-after-stop');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(runner.seen).toEqual([]);
      expect((await rowsOf(deps))[0]?.status).toBe('pending');
    });

    it.skipIf(backend === 'pglite')(
      'lets several relays poll at once: each row is dispatched exactly once',
      async () => {
        await deps.db.execute(
          sql`insert into outbox (job, job_key, payload) select 'work', 'work-' || i, jsonb_build_object('id', i::text) from generate_series(1, 600) i`,
        );
        const runners = Array.from({ length: 4 }, () => recordingRunner());
        const relays = runners.map((runner) => createOutboxRelay({ ...deps, runner, jobs: ['work'], batchSize: 25 }));
        await Promise.all(
          relays.map(async (relay) => {
            while ((await relay.tick()) > 0);
          }),
        );
        const ids = runners.flatMap((r) => r.seen.map((s) => s.id));
        expect(ids).toHaveLength(600);
        expect(new Set(ids).size).toBe(600);
        expect(runners.filter((r) => r.seen.length > 0).length).toBeGreaterThan(1);
      },
    );
  });
}

outboxSuite('pglite');
const server = await checkService('TEST_DATABASE_URL');
if (server.available) outboxSuite('postgres', server.url);
else describe.skip(`outbox on postgres (${server.reason})`, () => {});

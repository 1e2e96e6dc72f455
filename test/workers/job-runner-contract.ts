import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../matching/core/errors.ts';
import { catalogOf, defineJob, type JobCatalog, type JobDefinition } from '../../workers/job-catalog.ts';
import type { JobListener, JobRunner, JobSettled } from '../../workers/job-runner.ts';

export type RunnerFactory = (setup: {
  catalog: JobCatalog;
  listeners: JobListener[];
  concurrency: number;
}) => Promise<JobRunner>;

const payload = z.object({ id: z.string() });
const fast = { attempts: 3, backoff: { delayMs: 20, maxDelayMs: 100, jitter: 0.5 }, timeoutMs: 2_000 };

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise to release a blocked processor from the test. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/**
 * The behaviour every JobRunner promises (workers/job-runner.ts), run against each implementation. Each test
 * builds a fresh runner with its own catalog, so a failure points at one behaviour.
 */
export function jobRunnerContract(name: string, factory: RunnerFactory) {
  describe(`JobRunner contract: ${name}`, () => {
    let runner: JobRunner | undefined;
    let events: JobSettled[];

    const build = async (definitions: JobDefinition[], concurrency = 4) => {
      events = [];
      runner = await factory({
        catalog: catalogOf(definitions),
        listeners: [(event) => void events.push(event)],
        concurrency,
      });
      return runner;
    };
    const settled = (id: string) => events.filter((e) => e.job.id === id && e.outcome !== 'retrying');
    afterEach(async () => {
      await runner?.stop({ drain: false });
      runner = undefined;
    });

    it('runs a job with its parsed payload and meta, then reports it completed', async () => {
      const seen: unknown[] = [];
      const r = await build([
        defineJob({ name: 'echo', payload, ...fast, process: async (_deps, p, meta) => seen.push({ p, meta }) }),
      ]);
      await r.start();
      await r.dispatch({ name: 'echo', id: 'echo-1', payload: { id: '湖州-1' } });
      await waitFor(() => settled('echo-1').length === 1, 10_000, 'completion');
      expect(seen).toMatchObject([{ p: { id: '湖州-1' }, meta: { jobId: 'echo-1', attempt: 1 } }]);
      expect(settled('echo-1')[0]).toMatchObject({ outcome: 'completed', job: { name: 'echo', attempt: 1 } });
    });

    it('retries a flaky job with backoff until it succeeds', async () => {
      const attempts: number[] = [];
      const r = await build([
        defineJob({
          name: 'flaky',
          payload,
          ...fast,
          process: async (_deps, _p, meta) => {
            attempts.push(meta.attempt);
            if (meta.attempt < 3) throw new Error('connection reset, password=hunter2');
          },
        }),
      ]);
      await r.start();
      await r.dispatch({ name: 'flaky', id: 'flaky-1', payload: { id: 'x' } });
      await waitFor(() => settled('flaky-1').length === 1, 10_000, 'completion');
      expect(attempts).toEqual([1, 2, 3]);
      expect(events.map((e) => e.outcome)).toEqual(['retrying', 'retrying', 'completed']);
      // The error text of an unknown error never reaches what admins see.
      expect(events[0]).toMatchObject({ error: 'Error', permanent: false });
    });

    it('gives up on a transient failure after the configured attempts', async () => {
      let runs = 0;
      const r = await build([
        defineJob({
          name: 'down',
          payload,
          ...fast,
          process: async () => {
            runs += 1;
            throw new Error('still down');
          },
        }),
      ]);
      await r.start();
      await r.dispatch({ name: 'down', id: 'down-1', payload: { id: 'x' } });
      await waitFor(() => settled('down-1').length === 1, 10_000, 'final failure');
      expect(runs).toBe(3);
      expect(settled('down-1')[0]).toMatchObject({ outcome: 'failed', permanent: false, job: { attempt: 3 } });
    });

    it('stops retrying a permanent failure: a domain validation error or a bad payload', async () => {
      const runs: string[] = [];
      const r = await build([
        defineJob({
          name: 'poison',
          payload,
          ...fast,
          process: async (_deps, p) => {
            runs.push(p.id);
            throw new ValidationError([{ field: 'title', issue: 'too_small' }]);
          },
        }),
      ]);
      await r.start();
      await r.dispatch({ name: 'poison', id: 'poison-1', payload: { id: 'p' } });
      await r.dispatch({ name: 'poison', id: 'poison-2', payload: { id: 42 } });
      await waitFor(() => settled('poison-1').length + settled('poison-2').length === 2, 10_000, 'failures');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs).toEqual(['p']);
      expect(settled('poison-1')).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          permanent: true,
          error: expect.stringMatching(/^ValidationError/),
        }),
      ]);
      expect(settled('poison-2')).toEqual([
        expect.objectContaining({ outcome: 'failed', permanent: true, error: 'PayloadError: id invalid_type' }),
      ]);
      expect(events.filter((e) => e.outcome === 'retrying')).toEqual([]);
    });

    it('times out a hanging job and aborts its signal', async () => {
      let aborted = false;
      const r = await build([
        defineJob({
          name: 'hang',
          payload,
          attempts: 1,
          backoff: fast.backoff,
          timeoutMs: 150,
          process: (_deps, _p, meta) =>
            new Promise(() => {
              meta.signal?.addEventListener('abort', () => {
                aborted = true;
              });
            }),
        }),
      ]);
      await r.start();
      const started = Date.now();
      await r.dispatch({ name: 'hang', id: 'hang-1', payload: { id: 'x' } });
      await waitFor(() => settled('hang-1').length === 1, 10_000, 'timeout');
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(settled('hang-1')[0]).toMatchObject({
        outcome: 'failed',
        error: 'JobTimeoutError: timed out after 150 ms',
      });
      expect(aborted).toBe(true);
    });

    it('runs one job per id while it is queued or running, and again once it has finished', async () => {
      const release = gate();
      let runs = 0;
      const r = await build([
        defineJob({
          name: 'once',
          payload,
          ...fast,
          process: async () => {
            runs += 1;
            await release.opened;
          },
        }),
      ]);
      await r.dispatch({ name: 'once', id: 'once-1', payload: { id: 'x' } });
      await r.dispatch({ name: 'once', id: 'once-1', payload: { id: 'x' } });
      await r.start();
      await waitFor(() => runs === 1, 10_000, 'first run');
      await r.dispatch({ name: 'once', id: 'once-1', payload: { id: 'x' } });
      release.open();
      await waitFor(() => settled('once-1').length === 1, 10_000, 'completion');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs).toBe(1);
      await r.dispatch({ name: 'once', id: 'once-1', payload: { id: 'x' } });
      await waitFor(() => settled('once-1').length === 2, 10_000, 'second run');
      expect(runs).toBe(2);
    });

    it('keeps to its concurrency and reports counts', async () => {
      const release = gate();
      let active = 0;
      let peak = 0;
      const r = await build(
        [
          defineJob({
            name: 'busy',
            payload,
            ...fast,
            process: async () => {
              active += 1;
              peak = Math.max(peak, active);
              await release.opened;
              active -= 1;
            },
          }),
        ],
        2,
      );
      await r.start();
      for (let i = 0; i < 6; i += 1) await r.dispatch({ name: 'busy', id: `busy-${i}`, payload: { id: 'x' } });
      await waitFor(() => active === 2, 10_000, 'two active');
      await waitFor(async () => (await r.counts()).waiting === 4, 10_000, 'four waiting');
      expect(await r.counts()).toEqual({ waiting: 4, active: 2, delayed: 0 });
      release.open();
      await waitFor(() => events.length === 6, 10_000, 'all done');
      expect(peak).toBe(2);
      expect(await r.counts()).toEqual({ waiting: 0, active: 0, delayed: 0 });
    });

    it('drains running jobs on stop', async () => {
      let started = false;
      const r = await build([
        defineJob({
          name: 'slow',
          payload,
          ...fast,
          process: async () => {
            started = true;
            await new Promise((resolve) => setTimeout(resolve, 300));
          },
        }),
      ]);
      await r.start();
      await r.dispatch({ name: 'slow', id: 'slow-1', payload: { id: 'x' } });
      await waitFor(() => started, 10_000, 'start');
      await r.stop({ drain: true });
      runner = undefined;
      expect(settled('slow-1')).toEqual([expect.objectContaining({ outcome: 'completed' })]);
    });
  });
}

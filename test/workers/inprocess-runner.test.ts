import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createInProcessRunner } from '../../workers/inprocess-runner.ts';
import { catalogOf, defineJob } from '../../workers/job-catalog.ts';
import { jobRunnerContract, waitFor } from './job-runner-contract.ts';

// Processors in these tests never touch the database; the runner only passes deps through.
const deps = { logger: pino({ level: 'silent' }) } as never;

jobRunnerContract('in-process', async ({ catalog, listeners, concurrency }) =>
  createInProcessRunner({ deps, catalog, listeners, concurrency }),
);

describe('in-process runner order', () => {
  it("runs later pipeline stages first and a bulk load's ingests last, each line first in, first out", async () => {
    const ran: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fast = { attempts: 1, backoff: { delayMs: 10, maxDelayMs: 10, jitter: 0 }, timeoutMs: 5_000 };
    const payload = z.object({ id: z.string(), bulk: z.boolean().optional() });
    const job = (name: string) =>
      defineJob({
        name,
        payload,
        ...fast,
        process: async (_deps, p) => {
          if (p.id === 'first') await held;
          ran.push(p.id);
        },
      });
    const runner = createInProcessRunner({
      deps,
      catalog: catalogOf([job('ingest'), job('match'), job('route')]),
      concurrency: 1,
    });
    await runner.start();
    try {
      await runner.dispatch({ name: 'ingest', id: 'first', payload: { id: 'first' } });
      await waitFor(() => runner.counts().then((c) => c.active === 1), 5_000, 'the first job to run');
      await runner.dispatch({ name: 'ingest', id: 'demo-1', payload: { id: 'demo-1', bulk: true } });
      await runner.dispatch({ name: 'ingest', id: 'demo-2', payload: { id: 'demo-2', bulk: true } });
      await runner.dispatch({ name: 'ingest', id: 'posted', payload: { id: 'posted' } });
      await runner.dispatch({ name: 'match', id: 'match', payload: { id: 'match' } });
      await runner.dispatch({ name: 'route', id: 'route', payload: { id: 'route' } });
      release();
      await waitFor(() => ran.length === 6, 5_000, 'every job');
      expect(ran).toEqual(['first', 'route', 'match', 'posted', 'demo-1', 'demo-2']);
    } finally {
      await runner.stop({ drain: false });
    }
  });
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../matching/core/errors.ts';
import { queryRows } from '../../schema/db.ts';
import { backoffDelay } from '../../workers/backoff.ts';
import { createJobCatalog, defineJob, jobSpecs } from '../../workers/job-catalog.ts';
import { errorSummary, isPermanent, JobTimeoutError } from '../../workers/job-errors.ts';
import { outboxJobId, outboxRowId } from '../../workers/outbox-job-id.ts';
import { productionCatalog } from '../../workers/processors.ts';
import { createSchedule, slotOf } from '../../workers/schedules.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

describe('job catalog', () => {
  it('has every job of the pipeline, each with an ids-only payload, attempts, backoff and timeout', () => {
    expect(Object.values(jobSpecs).map((s) => s.name)).toEqual([
      'ingest',
      'match',
      'route',
      'rescore',
      'reroute-need',
      'sla-sweep',
      'notify',
      'reembed',
    ]);
    const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(jobSpecs.ingest.payload.parse({ kind: 'need', id })).toEqual({ kind: 'need', id });
    expect(() => jobSpecs.ingest.payload.parse({ kind: 'need', id: 'not-a-uuid' })).toThrow();
    expect(jobSpecs.route.payload.parse({ suggestionId: id })).toEqual({ suggestionId: id });
    expect(jobSpecs.notify.payload.parse({ eventId: id })).toEqual({ eventId: id });
    expect(jobSpecs.slaSweep.payload.parse({})).toEqual({});
    for (const spec of Object.values(jobSpecs)) {
      expect(spec.attempts).toBeGreaterThanOrEqual(1);
      expect(spec.timeoutMs).toBeGreaterThan(0);
      expect(spec.backoff.jitter).toBeGreaterThan(0);
    }
  });

  it('leaves out jobs without a processor, so nobody claims work they cannot run', () => {
    const catalog = createJobCatalog({ ingest: async () => {} });
    expect([...catalog.keys()]).toEqual(['ingest']);
    expect([...productionCatalog().keys()].sort()).toEqual([
      'ingest',
      'match',
      'notify',
      'reembed',
      'reroute-need',
      'rescore',
      'route',
      'sla-sweep',
    ]);
  });

  it('rejects names BullMQ cannot take and impossible settings', () => {
    const base = { payload: z.object({}), backoff: { delayMs: 1, maxDelayMs: 1, jitter: 0 }, process: async () => {} };
    expect(() => defineJob({ ...base, name: 'a:b', attempts: 1, timeoutMs: 1 })).toThrow(/':'/);
    expect(() => defineJob({ ...base, name: 'a', attempts: 0, timeoutMs: 1 })).toThrow(/attempts/);
  });
});

describe('backoff', () => {
  const backoff = { delayMs: 1_000, maxDelayMs: 10_000, jitter: 0.5 };
  it('doubles per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(backoff, n, () => 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
  it('takes up to the jitter share off, never more', () => {
    expect(backoffDelay(backoff, 2, () => 1)).toBe(1_000);
    expect(backoffDelay(backoff, 2, () => 0.5)).toBe(1_500);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(backoff, 3)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(2_000);
  });
});

describe('failure classification', () => {
  it('treats bad data as permanent and conflicts, timeouts and unknown errors as transient', () => {
    expect(isPermanent(new ValidationError([{ field: 'id', issue: 'invalid' }]))).toBe(true);
    expect(isPermanent(new NotFoundError('need'))).toBe(true);
    expect(isPermanent(z.object({ id: z.uuid() }).safeParse({}).error)).toBe(true);
    expect(isPermanent(new ConflictError('busy'))).toBe(false);
    expect(isPermanent(new JobTimeoutError(5))).toBe(false);
    expect(isPermanent(new Error('ECONNRESET'))).toBe(false);
  });
  it('keeps data and secrets out of the summary admins see', () => {
    const leaky = Object.assign(new Error('password=hunter2 value 保密'), { code: 'ECONNREFUSED' });
    expect(errorSummary(leaky)).toBe('Error ECONNREFUSED');
    expect(errorSummary(new TypeError('x is 13800000000'))).toBe('TypeError');
    expect(errorSummary(new NotFoundError('need'))).toBe('NotFoundError not_found: need not found');
    expect(errorSummary(z.object({ id: z.uuid() }).safeParse({ id: 'secret' }).error)).toBe(
      'PayloadError: id invalid_format',
    );
  });
});

describe('outbox job ids and schedules', () => {
  it('names each outbox row by its key and id, and reads the id back', () => {
    const id = outboxJobId({ id: 42, jobKey: 'ingest-need-1b4e28ba' });
    expect(id).toBe('ingest-need-1b4e28ba.42');
    expect(id).not.toContain(':');
    expect(outboxRowId(id)).toBe(42);
    expect(outboxRowId('not-from-the-outbox')).toBeNull();
  });

  it('records a periodic job once per slot however many processes tick', async () => {
    expect(slotOf(new Date('2026-11-22T08:07:31.500Z'), 5 * 60_000)).toBe('20261122T080500Z');
    const handle = await openTestDb('pglite');
    try {
      const deps = testDeps(handle.db, { clock: { now: () => new Date('2026-11-22T08:07:31Z') } });
      const schedules = [1, 2].map(() => createSchedule({ ...deps, job: 'sla-sweep', everyMs: 5 * 60_000 }));
      for (const schedule of schedules) await schedule.tick();
      await handle.db.execute(sql`update outbox set status = 'done'`);
      for (const schedule of schedules) await schedule.tick();
      const rows = await queryRows<{ job_key: string; payload: unknown }>(handle.db, sql`select * from outbox`);
      expect(rows).toEqual([
        expect.objectContaining({ job_key: 'sla-sweep-20261122T080500Z', payload: { slot: '20261122T080500Z' } }),
      ]);
    } finally {
      await handle.drop();
    }
  });
});

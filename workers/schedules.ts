import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../matching/core/deps.ts';
import type { Db } from '../schema/db.ts';
import { createPoller, type Poller } from './poller.ts';

export type ScheduleOptions = { db: Db; clock: Clock; logger: Logger; job: string; everyMs: number };

/** The time slot `at` falls in, as a job-key-safe string (no ':'), e.g. 20261122T080500Z. */
export function slotOf(at: Date, everyMs: number): string {
  const start = new Date(Math.floor(at.getTime() / everyMs) * everyMs);
  return start
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Records a periodic job (the SLA sweep) in the outbox once per time slot. Every executing process runs this;
 * the insert checks for the slot's key in any status, so however many processes tick, a slot runs once, and a
 * slot missed while everything was down is simply covered by the next one.
 */
export function createSchedule(options: ScheduleOptions): Poller & { tick(): Promise<boolean> } {
  const tick = async () => {
    const slot = slotOf(options.clock.now(), options.everyMs);
    const key = `${options.job}-${slot}`;
    await options.db.execute(sql`
      insert into outbox (job, job_key, payload)
      select ${options.job}, ${key}, ${JSON.stringify({ slot })}::jsonb
      where not exists (select 1 from outbox where job_key = ${key})
      on conflict do nothing`);
    return false;
  };
  const poller = createPoller(`${options.job} schedule`, Math.min(options.everyMs, 60_000), tick, options.logger);
  return { ...poller, tick };
}

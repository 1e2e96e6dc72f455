import { and, asc, eq, inArray, lte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import type { Clock } from '../matching/core/deps.ts';
import type { Db } from '../schema/db.ts';
import { outbox } from '../schema/outbox.ts';
import type { JobRunner } from './job-runner.ts';
import { outboxJobId } from './outbox-job-id.ts';
import { createPoller, type Poller } from './poller.ts';

export type OutboxRelayOptions = {
  db: Db;
  runner: JobRunner;
  /** Only these jobs are claimed: a process must not take work it has no processor for. */
  jobs: readonly string[];
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  pollMs?: number;
  /** A dispatch that takes longer (Redis unreachable) is given up and its row put back to pending. */
  dispatchTimeoutMs?: number;
};

export type OutboxRelay = Poller & { tick(): Promise<number> };

export type ClaimedRow = { id: number; job: string; jobKey: string; payload: unknown };

/**
 * Moves due `pending` outbox rows to the runner. Claiming is one statement, `update … where id in (select …
 * for update skip locked)`, so any number of relays (API and worker processes) can poll the same table and
 * each row is claimed by one of them; on PGlite (one connection) the lock clause is simply a no-op.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 100;
  const tick = async (): Promise<number> => {
    if (options.jobs.length === 0) return 0;
    const now = options.clock.now();
    const due = options.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.availableAt, now), inArray(outbox.job, [...options.jobs])))
      .orderBy(asc(outbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const rows = await options.db
      .update(outbox)
      .set({ status: 'dispatched', dispatchedAt: now })
      .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
      .returning({ id: outbox.id, job: outbox.job, jobKey: outbox.jobKey, payload: outbox.payload });
    const failed = await dispatchRows(options.runner, rows, options.dispatchTimeoutMs ?? 10_000);
    if (failed.length > 0) {
      options.logger.warn(
        { failed: failed.length, claimed: rows.length },
        'outbox dispatch failed; rows back to pending',
      );
      await releaseRows(options.db, failed);
    }
    return rows.length;
  };
  const poller = createPoller(
    'outbox relay',
    options.pollMs ?? 250,
    async () => (await tick()) === batchSize,
    options.logger,
  );
  return { ...poller, tick };
}

/** Dispatches each row; answers the ids whose dispatch failed or timed out. */
export async function dispatchRows(runner: JobRunner, rows: ClaimedRow[], timeoutMs: number): Promise<number[]> {
  const results = await Promise.allSettled(
    rows.map((row) =>
      withTimeout(runner.dispatch({ name: row.job, id: outboxJobId(row), payload: row.payload }), timeoutMs),
    ),
  );
  return rows.filter((_, i) => results[i]?.status === 'rejected').map((row) => row.id);
}

/**
 * Back to pending, unless a newer pending row with the same key exists (the unique index allows one): then the
 * row stays dispatched and the reconciler retries it. A row a fast job already settled is left alone.
 */
async function releaseRows(db: Db, ids: number[]) {
  const sibling = alias(outbox, 'sibling');
  await db
    .update(outbox)
    .set({ status: 'pending', dispatchedAt: null })
    .where(
      and(
        inArray(outbox.id, ids),
        eq(outbox.status, 'dispatched'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(sibling)
            .where(and(eq(sibling.jobKey, outbox.jobKey), eq(sibling.status, 'pending'))),
        ),
      ),
    );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`dispatch timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

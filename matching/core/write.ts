import type { Db } from '../../schema/db.ts';
import type { Deps } from './deps.ts';
import { appendEvents, type LogEvent } from './event-log.ts';
import { recordJobs, type Work } from './outbox.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What a domain change gets inside the write path: its transaction, and the two things it may add to it. */
export interface WriteScope {
  tx: Tx;
  /** Describes the change in the event log; appended when the change is done, in the same transaction. */
  log(event: LogEvent): void;
  /** Records follow-up jobs in the same transaction (outbox.ts); the local relay is woken after commit. */
  jobs(works: readonly Work[]): Promise<void>;
}

/**
 * The one write path (ADR 0008): opens the transaction, runs the change, appends its events last — the chain
 * head's row lock is then held only from there to commit, after every other lock the change took, so appenders
 * never wait on each other in a cycle — and, once committed, wakes the local relay if jobs were recorded.
 * A change that throws leaves no row, no event and no job behind.
 */
export async function write<T>(
  deps: Pick<Deps, 'db' | 'workRecorded'>,
  change: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  const events: LogEvent[] = [];
  let recorded = false;
  const result = await deps.db.transaction(async (tx) => {
    const value = await change({
      tx,
      log: (event) => {
        events.push(event);
      },
      jobs: async (works) => {
        if (works.length === 0) return;
        await recordJobs(tx, works);
        recorded = true;
      },
    });
    await appendEvents(tx, events);
    return value;
  });
  if (recorded) deps.workRecorded?.();
  return result;
}

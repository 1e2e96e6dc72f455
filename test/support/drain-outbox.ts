import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../matching/core/deps.ts';
import { processIngest } from '../../matching/pipeline/ingest-record.ts';
import { processMatch } from '../../matching/pipeline/match-record.ts';
import { outbox } from '../../schema/outbox.ts';

type Processor = (deps: Deps, payload: unknown) => Promise<unknown>;
const defaultProcessors: Record<string, Processor> = { ingest: processIngest, match: processMatch };

/**
 * Runs pending outbox work for the given job names in order, until none is left: the pipeline without a
 * queue, for tests of what the processors do (the runners have their own contract suites).
 */
export async function drainOutbox(deps: Deps, jobs: string[] = ['ingest', 'match'], processors = defaultProcessors) {
  let ran = 0;
  for (;;) {
    const batch = await deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), inArray(outbox.job, jobs)))
      .orderBy(asc(outbox.id))
      .limit(200);
    if (batch.length === 0) return ran;
    for (const row of batch) {
      const process = processors[row.job];
      if (!process) throw new Error(`no processor for ${row.job}`);
      await deps.db.update(outbox).set({ status: 'dispatched' }).where(eq(outbox.id, row.id));
      await process(deps, row.payload);
      await deps.db.update(outbox).set({ status: 'done', finishedAt: new Date() }).where(eq(outbox.id, row.id));
      ran++;
    }
  }
}

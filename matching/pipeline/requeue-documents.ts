import { and, asc, eq, gt } from 'drizzle-orm';
import { matchDocuments } from '../../schema/match-documents.ts';
import type { Deps } from '../core/deps.ts';
import { recordJobs } from '../core/outbox.ts';
import { rankerV1 } from '../ranking/ranker-v1.ts';
import { spaceKey } from '../vectors/pgvector-index.ts';
import { listedStatuses } from './listed.ts';

export type RequeueJob = 'rescore' | 'reembed';

/**
 * Records a rescore (new ranker) or reembed (new embedder) job for every indexed document, in batches, so the
 * workers redo the whole pool at their own pace. Rescore only concerns listed records (closed ones are not
 * matched); reembed covers every document so the new space is complete.
 */
export async function requeueDocuments({
  deps,
  job,
  batchSize = 1000,
  onProgress,
}: {
  deps: Deps;
  job: RequeueJob;
  batchSize?: number;
  onProgress?: (recorded: number) => void;
}): Promise<number> {
  const space = deps.dense ? spaceKey(deps.dense.index.space) : undefined;
  if (job === 'reembed' && !space) throw new Error('reembed needs dense retrieval configured (DENSE_WEIGHT > 0)');
  let recorded = 0;
  for (const kind of ['need', 'achievement'] as const) {
    let after = 0;
    for (;;) {
      const rows = await deps.db
        .select({ recordId: matchDocuments.recordId, status: matchDocuments.status, seq: matchDocuments.seq })
        .from(matchDocuments)
        .where(and(eq(matchDocuments.kind, kind), gt(matchDocuments.seq, after)))
        .orderBy(asc(matchDocuments.seq))
        .limit(batchSize);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.seq ?? after;
      const wanted = job === 'rescore' ? rows.filter((r) => listedStatuses[kind].includes(r.status)) : rows;
      await recordJobs(
        deps.db,
        wanted.map((r) =>
          job === 'rescore'
            ? {
                job,
                key: `rescore-${kind}-${r.recordId}`,
                payload: { kind, id: r.recordId, modelVersion: rankerV1.version },
              }
            : // A reembed without a space was refused above; '' only satisfies the type of the rescore branch.
              { job, key: `reembed-${kind}-${r.recordId}`, payload: { kind, id: r.recordId, space: space ?? '' } },
        ),
      );
      recorded += wanted.length;
      onProgress?.(recorded);
    }
  }
  return recorded;
}

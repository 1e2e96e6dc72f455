import { asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { eventChainHead, events } from '../../schema/events.ts';
import { eventHash, GENESIS_HASH } from './event-hash.ts';

export type ChainBreak = { seq: number; reason: string };
export type ChainReport = { checked: number; broken: ChainBreak | null };

/**
 * Recomputes the event log's hash chain from the first row: seq must run 1, 2, 3 … without a gap, each
 * row's prev_hash must be its predecessor's hash, each hash must match the row's content, and the chain head
 * must name the last row. Stops at the first break, which it names.
 */
export async function verifyChain(
  db: Db,
  { batchSize = 5000, onProgress }: { batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(events)
      .where(gt(events.seq, expectedSeq - 1))
      .orderBy(asc(events.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return { checked, broken: { seq: expectedSeq, reason: `missing (next is ${row.seq})` } };
      if (row.prevHash !== prevHash)
        return { checked, broken: { seq: row.seq, reason: 'prev_hash does not match the previous row' } };
      if (eventHash(row) !== row.hash)
        return { checked, broken: { seq: row.seq, reason: 'content does not match its hash' } };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked);
    if (rows.length < batchSize) break;
  }
  const [head] = await db.select().from(eventChainHead).where(eq(eventChainHead.id, 1));
  if (!head || head.seq !== checked || head.hash !== prevHash) {
    return {
      checked,
      broken: {
        seq: checked + 1,
        reason: `chain head says seq ${head?.seq ?? 'none'}: rows after it are missing or the head was altered`,
      },
    };
  }
  return { checked, broken: null };
}

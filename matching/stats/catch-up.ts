import { and, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import { eventChainHead, events } from '../../schema/events.ts';
import { statsCursor, statsNeeds, statsPairs } from '../../schema/stats.ts';
import type { Deps } from '../core/deps.ts';
import type { DbOrTransaction } from '../core/event-log.ts';
import { applyEvent, type Projection, type StatsEvent } from './apply-event.ts';
import type { NeedRow, PairRow } from './pair-row.ts';

const batchSize = 5000;
const writeChunk = 500;

/**
 * Brings the statistics projection up to the log's head: the events after the cursor, applied in seq order,
 * a batch per transaction, each holding the cursor's row lock, so two requests catching up at once apply each
 * event once (the second waits, then finds the cursor moved). The head is read under that lock: every event up
 * to it has committed (the head moves in the appender's transaction), so nothing below the cursor can still
 * arrive. A batch per transaction keeps a long backlog (the first request after a rebuild) from holding one
 * transaction open for minutes, and what it applied stays applied. Returns how many events it read.
 */
export async function catchUpStats(deps: Deps): Promise<number> {
  let read = 0;
  for (;;) {
    const step = await deps.db.transaction(async (tx) => {
      const [cursor] = await tx.select().from(statsCursor).where(eq(statsCursor.id, 1)).for('update');
      if (!cursor) throw new Error('stats_cursor is missing: run the migrations');
      const [head] = await tx.select({ seq: eventChainHead.seq }).from(eventChainHead).where(eq(eventChainHead.id, 1));
      const end = head?.seq ?? 0;
      if (cursor.seq >= end) return { read: 0, done: true };
      const batch = await tx
        .select({
          seq: events.seq,
          actor: events.actor,
          subjectKind: events.subjectKind,
          subjectId: events.subjectId,
          orgId: events.orgId,
          type: events.type,
          data: events.data,
          at: events.at,
        })
        .from(events)
        .where(and(gt(events.seq, cursor.seq), lte(events.seq, end)))
        .orderBy(events.seq)
        .limit(batchSize);
      await applyBatch(tx, batch);
      const last = batch.length < batchSize ? end : (batch.at(-1)?.seq ?? end);
      await tx.update(statsCursor).set({ seq: last }).where(eq(statsCursor.id, 1));
      return { read: batch.length, done: last >= end };
    });
    read += step.read;
    if (step.done) return read;
  }
}

/** Empties the projection and replays the whole log: what an incremental catch-up must always equal. */
export async function rebuildStats(deps: Deps): Promise<number> {
  await deps.db.transaction(async (tx) => {
    await tx.select().from(statsCursor).where(eq(statsCursor.id, 1)).for('update');
    await tx.delete(statsPairs);
    await tx.delete(statsNeeds);
    await tx.update(statsCursor).set({ seq: 0 }).where(eq(statsCursor.id, 1));
  });
  return catchUpStats(deps);
}

/** Events that can change a projection row: a need's creation or chain, and anything that happens to a pair. */
const mayChangeStats = (e: StatsEvent) =>
  e.subjectKind === 'suggestion'
    ? e.type !== 'suggestion.rescored'
    : e.subjectKind === 'need' &&
      (e.type === 'need.created' || (typeof e.data === 'object' && e.data !== null && 'chainId' in e.data));

async function applyBatch(tx: DbOrTransaction, batch: StatsEvent[]): Promise<void> {
  const relevant = batch.filter(mayChangeStats);
  if (relevant.length === 0) return;
  const projection = await loadTouched(tx, relevant);
  const before = new Map([...projection.needs, ...projection.pairs].map(([id, row]) => [id, JSON.stringify(row)]));
  for (const e of relevant) applyEvent(projection, e);
  // Only rows the batch changed are written: reads and rescoring leave their rows as they were.
  const changed = <T extends object>(rows: Map<string, T>) =>
    [...rows].filter(([id, row]) => before.get(id) !== JSON.stringify(row)).map(([, row]) => row);
  await upsertNeeds(tx, changed(projection.needs));
  await upsertPairs(tx, changed(projection.pairs));
}

/** The projection rows the batch's events touch, and the organisation of each achievement a new pair names. */
async function loadTouched(tx: DbOrTransaction, batch: StatsEvent[]): Promise<Projection> {
  const ids = (kind: string) => [...new Set(batch.filter((e) => e.subjectKind === kind).map((e) => e.subjectId))];
  const needIds = ids('need');
  const pairIds = ids('suggestion');
  const needs =
    needIds.length === 0 ? [] : await tx.select().from(statsNeeds).where(inArray(statsNeeds.needId, needIds));
  const pairs =
    pairIds.length === 0 ? [] : await tx.select().from(statsPairs).where(inArray(statsPairs.pairId, pairIds));
  const achievementIds = [
    ...new Set(
      batch.flatMap((e) => {
        const id =
          e.type === 'suggestion.suggested' ? (e.data as { achievementId?: unknown } | null)?.achievementId : null;
        return typeof id === 'string' ? [id] : [];
      }),
    ),
  ];
  const owners =
    achievementIds.length === 0
      ? []
      : await tx
          .select({ id: events.subjectId, orgId: events.orgId })
          .from(events)
          .where(
            and(
              eq(events.subjectKind, 'achievement'),
              eq(events.type, 'achievement.created'),
              inArray(events.subjectId, achievementIds),
            ),
          );
  return {
    needs: new Map(needs.map((n) => [n.needId, n])),
    pairs: new Map(pairs.map((p) => [p.pairId, p])),
    institutions: new Map(owners.map((o) => [o.id, o.orgId])),
  };
}

/** Every column from the proposed row: the projection's copy of a row is the one just computed from the log. */
const excludedAll = (table: typeof statsNeeds | typeof statsPairs) =>
  Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([name, col]) => [name, sql.raw(`excluded."${col.name}"`)]),
  );

async function upsertNeeds(tx: DbOrTransaction, rows: NeedRow[]) {
  for (let i = 0; i < rows.length; i += writeChunk) {
    await tx
      .insert(statsNeeds)
      .values(rows.slice(i, i + writeChunk))
      .onConflictDoUpdate({ target: statsNeeds.needId, set: excludedAll(statsNeeds) });
  }
}

async function upsertPairs(tx: DbOrTransaction, rows: PairRow[]) {
  for (let i = 0; i < rows.length; i += writeChunk) {
    await tx
      .insert(statsPairs)
      .values(rows.slice(i, i + writeChunk))
      .onConflictDoUpdate({ target: statsPairs.pairId, set: excludedAll(statsPairs) });
  }
}

import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { eventChainHead, events } from '../../schema/events.ts';
import type { Actor } from './actor.ts';
import { eventHash } from './event-hash.ts';

/** The processes that change state on their own; every event names a person or one of these. */
export const systemActors = [
  'system:ingest',
  'system:matcher',
  'system:router',
  'system:sla',
  'system:notifier',
  'system:import',
  'system:admin-cli',
  'system:learner',
] as const;
export type SystemActor = (typeof systemActors)[number];
export type EventActor = `user:${string}` | SystemActor;

export const userActor = (actor: Pick<Actor, 'userId'>): EventActor => `user:${actor.userId}`;

/** A verb a process may also call on its own (the admin CLI creating the first admin) names that process. */
export const actorOrSystem = (actor: Pick<Actor, 'userId'> | 'system', system: SystemActor): EventActor =>
  actor === 'system' ? system : userActor(actor);

export type SubjectKind =
  | 'need'
  | 'achievement'
  | 'suggestion'
  | 'organisation'
  | 'user'
  | 'api_key'
  | 'webhook'
  | 'ranker';

export interface LogEvent {
  actor: EventActor;
  subject: { kind: SubjectKind; id: string };
  /** The subject's organisation (null for global subjects such as a ranker version). */
  orgId: string | null;
  type: string;
  data?: Record<string, unknown> | undefined;
  at: Date;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTransaction = Db | Tx;

/**
 * Appends events to the log in the caller's transaction (a savepoint in it, or a transaction of its own when
 * given the bare database), so they commit or vanish with the change they describe. The chain head's row lock
 * orders appenders: seq is gap-free and in commit order, and each row's hash covers its predecessor's. The lock
 * is held until the caller commits, so callers append last, just before their transaction ends.
 */
export async function appendEvents(db: DbOrTransaction, batch: readonly LogEvent[]): Promise<number[]> {
  if (batch.length === 0) return [];
  return db.transaction(async (tx) => {
    const [head] = await tx.select().from(eventChainHead).where(eq(eventChainHead.id, 1)).for('update');
    if (!head) throw new Error('event_chain_head is missing: run the migrations');
    let { seq, hash } = head;
    const rows = batch.map((e) => {
      seq += 1;
      const row = {
        seq,
        actor: e.actor,
        subjectKind: e.subject.kind,
        subjectId: e.subject.id,
        orgId: e.orgId,
        type: e.type,
        data: e.data ?? null,
        at: e.at,
        prevHash: hash,
      };
      hash = eventHash(row);
      return { ...row, hash };
    });
    await tx.insert(events).values(rows);
    await tx.update(eventChainHead).set({ seq, hash }).where(eq(eventChainHead.id, 1));
    return rows.map((r) => r.seq);
  });
}

export const appendEvent = async (db: DbOrTransaction, event: LogEvent): Promise<number> =>
  (await appendEvents(db, [event]))[0] ?? 0;

/** The log's length, for progress and tests. */
export async function eventCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(events);
  return row?.n ?? 0;
}

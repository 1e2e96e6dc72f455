import type { Db } from '../../schema/db.ts';
import { suggestionEvents } from '../../schema/suggestions.ts';
import { recordJob } from '../core/outbox.ts';

export type EventInit = {
  suggestionId: string;
  /** Null for the system (router, SLA sweep). */
  actorId: string | null;
  type: string;
  fromStage: string | null;
  toStage: string | null;
  data?: Record<string, unknown> | undefined;
  at: Date;
  /** Parties are told about acceptances and stage changes; routing chatter is not theirs to hear. */
  notify?: boolean;
};

/**
 * Writes one event in the caller's transaction (pass the transaction as `db`), so the change and its record
 * commit together; a `notify` job is recorded in the same transaction, keyed by the event so it runs once.
 */
export async function recordEvent(db: Db, init: EventInit): Promise<string> {
  const [event] = await db
    .insert(suggestionEvents)
    .values({
      suggestionId: init.suggestionId,
      actorId: init.actorId,
      type: init.type,
      fromStage: init.fromStage,
      toStage: init.toStage,
      data: init.data ?? null,
      at: init.at,
    })
    .returning({ id: suggestionEvents.id });
  if (!event) throw new Error('event insert returned no row');
  if (init.notify) {
    await recordJob(db, { job: 'notify', key: `notify-${event.id}`, payload: { eventId: event.id } });
  }
  return event.id;
}

import { suggestionEvents } from '../../schema/suggestions.ts';
import { type EventActor, type LogEvent, type SystemActor, userActor } from '../core/event-log.ts';
import type { WriteScope } from '../core/write.ts';

type PairEvent = {
  suggestionId: string;
  type: string;
  fromStage: string | null;
  toStage: string | null;
  data?: Record<string, unknown> | undefined;
  at: Date;
  /** Parties are told about acceptances and stage changes; routing chatter is not theirs to hear. */
  notify?: boolean;
};

/** A person's id, or for a process (router, SLA sweep, matcher) its name: every event says who did it. */
export type EventInit = PairEvent & ({ actorId: string } | { actorId: null; system: SystemActor });

/**
 * Writes a pair's events inside the write path (core/write.ts): the pair's own history row now, its entry in
 * the event log when the change is done (appended last, with the rest of the transaction's events), and a
 * `notify` job keyed by the event so it runs once. The log entry leaves out a manager's free-text note, which
 * the pair's history keeps for the people working it.
 */
export async function recordEvents(scope: WriteScope, inits: readonly EventInit[]): Promise<string[]> {
  if (inits.length === 0) return [];
  const rows = await scope.tx
    .insert(suggestionEvents)
    .values(
      inits.map((init) => ({
        suggestionId: init.suggestionId,
        actorId: init.actorId,
        type: init.type,
        fromStage: init.fromStage,
        toStage: init.toStage,
        data: init.data ?? null,
        at: init.at,
      })),
    )
    .returning({ id: suggestionEvents.id });
  const ids = rows.map((r) => r.id);
  for (const [i, init] of inits.entries()) scope.log(pairLogEvent(init, ids[i] ?? ''));
  await scope.jobs(
    inits.flatMap((init, i) =>
      init.notify && ids[i] ? [{ job: 'notify' as const, key: `notify-${ids[i]}`, payload: { eventId: ids[i] } }] : [],
    ),
  );
  return ids;
}

export async function recordEvent(scope: WriteScope, init: EventInit): Promise<string> {
  const [id] = await recordEvents(scope, [init]);
  if (!id) throw new Error('event insert returned no row');
  return id;
}

function pairLogEvent(init: EventInit, pairEventId: string): LogEvent {
  const actor: EventActor = init.actorId === null ? init.system : userActor({ userId: init.actorId });
  const { note: _note, ...data } = init.data ?? {};
  return {
    actor,
    subject: { kind: 'suggestion', id: init.suggestionId },
    orgId: null,
    type: `suggestion.${init.type}`,
    data: { ...data, fromStage: init.fromStage, toStage: init.toStage, pairEventId },
    at: init.at,
  };
}

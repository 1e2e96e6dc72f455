import type { Actor } from '../core/actor.ts';
import { type LogEvent, userActor } from '../core/event-log.ts';
import type { PlatformRow } from './platform-view.ts';

/**
 * A platform's catalogue as the event log keeps it: kinds, levels, phases, chains and capacity — what statistics
 * count — but not the free-text description.
 */
export function platformEvent(type: string, row: PlatformRow, actor: Actor, at: Date, changed?: string[]): LogEvent {
  return {
    actor: userActor(actor),
    subject: { kind: 'organisation', id: row.orgId },
    orgId: row.orgId,
    type,
    data: {
      kind: row.kind,
      level: row.level,
      pocType: row.pocType,
      pocPhases: row.pocPhases,
      chains: row.chains,
      capacity: row.capacity,
      ...(changed ? { changed } : {}),
    },
    at,
  };
}

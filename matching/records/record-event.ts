import type { Actor } from '../core/actor.ts';
import { type LogEvent, userActor } from '../core/event-log.ts';

type RecordRow = {
  id: string;
  orgId: string | null;
  status: string;
  chainId: string | null;
  confidentiality: string;
};

/**
 * The log entry of a change to a need or an achievement. It names the fields an update touched but carries
 * none of their text: the log is read by statistics and audit, and a confidential record's words must not
 * reach them by this side door (the disclosure policy decides who reads a record's content).
 */
export function recordChanged(
  kind: 'need' | 'achievement',
  change: 'created' | 'updated' | 'withdrawn',
  row: RecordRow,
  actor: Actor,
  at: Date,
  fields?: readonly string[],
): LogEvent {
  return {
    actor: userActor(actor),
    subject: { kind, id: row.id },
    orgId: row.orgId,
    type: `${kind}.${change}`,
    data: {
      status: row.status,
      chainId: row.chainId,
      confidentiality: row.confidentiality,
      ...(fields ? { fields: [...fields].sort() } : {}),
    },
    at,
  };
}

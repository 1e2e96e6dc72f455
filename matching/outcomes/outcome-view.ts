import type { OutcomeRow } from './outcome-rules.ts';
import { reasonCategory } from './reason-codes.ts';

/** Who is looking at a pair's outcomes, for what they may see of each side's figures. */
export type OutcomeAudience = 'worker' | 'enterprise' | 'institution' | 'platform';

/**
 * Each side's private figures. The enterprise pays for PoC and pilots (innovation vouchers are issued to
 * enterprises) and invests in the landing: cost, voucher and investment are its own. The manager's share comes
 * out of the institution's proceeds: it is the institution's (and the manager's). The deal's amount and terms
 * both signed, so both see them; a platform sees the figures of its own runs, which it charged.
 */
const hiddenFrom: Record<OutcomeAudience, readonly string[]> = {
  worker: [],
  enterprise: ['managerShare'],
  institution: ['cost', 'voucher', 'investment'],
  platform: [],
};

export type OutcomeView = {
  id: string;
  kind: OutcomeRow['kind'];
  phase: number | null;
  platformId: string | null;
  runId: string | null;
  result: OutcomeRow['result'];
  reasonCode: OutcomeRow['reasonCode'];
  reasonCategory: string | null;
  details: Record<string, unknown>;
  /** The recorder's note: for the people working the pair only. */
  note: string | null;
  recordedBy: string;
  at: Date;
  recordedAt: Date;
  /** Figures left out for this caller (the other side's private ones). */
  hidden: string[];
};

export function toOutcomeView(row: OutcomeRow, audience: OutcomeAudience): OutcomeView {
  const hidden = hiddenFrom[audience].filter((f) => f in row.details);
  const details = Object.fromEntries(Object.entries(row.details).filter(([k]) => !hidden.includes(k)));
  return {
    id: row.id,
    kind: row.kind,
    phase: row.phase,
    platformId: row.platformId,
    runId: row.runId,
    result: row.result,
    reasonCode: row.reasonCode,
    reasonCategory: row.reasonCode ? reasonCategory[row.reasonCode] : null,
    details,
    note: audience === 'worker' ? row.note : null,
    recordedBy: row.recordedBy,
    at: row.at,
    recordedAt: row.recordedAt,
    hidden,
  };
}

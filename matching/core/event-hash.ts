import { createHash } from 'node:crypto';

/** The chain's first `prev_hash`: no event before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: every column but the hash itself. */
export interface HashedEvent {
  seq: number;
  actor: string;
  subjectKind: string;
  subjectId: string;
  orgId: string | null;
  type: string;
  data: unknown;
  at: Date;
  prevHash: string;
}

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace. jsonb keeps neither key order nor
 * whitespace, so the encoding must not depend on them to give the same bytes when a row is read back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) over the previous hash and the row's canonical encoding. */
export function eventHash(row: HashedEvent): string {
  const body = canonicalJson({
    seq: row.seq,
    actor: row.actor,
    subjectKind: row.subjectKind,
    subjectId: row.subjectId,
    orgId: row.orgId,
    type: row.type,
    data: row.data ?? null,
    at: row.at.toISOString(),
  });
  return createHash('sha256').update(`${row.prevHash}\n${body}`).digest('hex');
}

import type { DisclosureLevel } from './levels.ts';
import type { AchievementRow, NeedRow } from './record-rows.ts';

export type RecordKind = 'need' | 'achievement';

/** Kept at every level: enough to say "a record in chain X, in this state, since then". */
const minimalKeeps = new Set([
  'id',
  'chainId',
  'chainSource',
  'chainConfidence',
  'status',
  'confidentiality',
  'createdAt',
  'updatedAt',
]);

/**
 * Fields that identify the owner. The import key is a hash of title + organisation (+ patent), so whoever can
 * hash candidate owners recovers the owner from it: it goes with the identity, and is never shown to others.
 */
const identity: Record<RecordKind, readonly string[]> = {
  need: ['orgId', 'createdBy'],
  achievement: ['orgId', 'createdBy', 'team', 'patents'],
};

/**
 * Owner-only too: the need's workflow state (whether it has found a match yet, who works it) is the enterprise's
 * and the bureau's business, not the other side's.
 */
const ownerOnly = ['importKey', 'matchState', 'matchedAt', 'managerId'] as const;

/**
 * The one rule: which fields of a record an audience at `level` may not see. Everything that shows a record
 * to someone — views, notifications, webhooks, explanations, exports, prompts — asks this function.
 */
export function hiddenFields(kind: RecordKind, row: NeedRow | AchievementRow, level: DisclosureLevel): string[] {
  if (level === 'full') return [];
  if (level === 'minimal') return Object.keys(row).filter((k) => !minimalKeeps.has(k));
  const hidden: string[] = 'privateFields' in row ? [...row.privateFields] : [];
  if (level === 'desensitised') hidden.push(...identity[kind]);
  hidden.push(...ownerOnly);
  return [...new Set(hidden)];
}

/** Blanks the named fields and reports which were hidden, so clients can say "hidden by the owner". */
export function redact<T extends object>(record: T, hidden: readonly string[]): T & { redacted: string[] } {
  const copy = { ...record } as Record<string, unknown>;
  const redacted: string[] = [];
  for (const field of hidden) {
    if (field in copy) {
      copy[field] = Array.isArray(copy[field]) ? [] : null;
      redacted.push(field);
    }
  }
  return { ...(copy as T), redacted };
}

export function discloseRecord<T extends NeedRow | AchievementRow>(kind: RecordKind, row: T, level: DisclosureLevel) {
  return redact(row, hiddenFields(kind, row, level));
}

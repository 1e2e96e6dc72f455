import type { needs } from '../../schema/needs.ts';
import type { Actor } from '../core/actor.ts';
import { type Access, accessFor, redact } from '../records/visibility.ts';

export type NeedRow = typeof needs.$inferSelect;
export type NeedView = Omit<NeedRow, 'orgId' | 'createdBy'> & {
  orgId: string | null;
  createdBy: string | null;
  redacted: string[];
};

/** Only open needs are shown to other organisations; drafts of the future and closed ones stay with the owner. */
export const isNeedListed = (row: NeedRow) => row.status === 'open' || row.status === 'matching';

export function needAccess(actor: Actor, row: NeedRow): Access {
  return accessFor(actor, row, isNeedListed(row), 'enterprise');
}

export function toNeedView(access: Exclude<Access, 'none'>, row: NeedRow): NeedView {
  if (access === 'full') return { ...row, redacted: [] };
  const hidden: string[] = [...row.privateFields];
  // Desensitised: published without who asked — the enterprise and its people stay anonymous.
  if (access === 'desensitised') hidden.push('orgId', 'createdBy');
  return redact(row, hidden);
}

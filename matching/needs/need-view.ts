import type { Actor } from '../core/actor.ts';
import { browseLevel } from '../disclosure/audience.ts';
import type { DisclosureLevel } from '../disclosure/levels.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { NeedRow } from '../disclosure/record-rows.ts';

export type { NeedRow };
export type NeedView = Omit<NeedRow, 'orgId' | 'createdBy' | 'importKey'> & {
  orgId: string | null;
  createdBy: string | null;
  importKey: string | null;
  redacted: string[];
};

/** Browsing never goes below desensitised: confidential needs are not shown to others at all. */
export type Access = Exclude<DisclosureLevel, 'minimal'>;

/** Only open needs are shown to other organisations; drafts of the future and closed ones stay with the owner. */
export const isNeedListed = (row: NeedRow) => row.status === 'open' || row.status === 'matching';

export function needAccess(actor: Actor, row: NeedRow): Access | 'none' {
  const level = browseLevel(actor, row, isNeedListed(row), 'enterprise');
  return level === 'minimal' ? 'none' : level;
}

/** The need as a browsing audience sees it; which fields each level hides is decided in disclosure/policy.ts. */
export function toNeedView(access: Access, row: NeedRow): NeedView {
  return discloseRecord('need', row, access);
}

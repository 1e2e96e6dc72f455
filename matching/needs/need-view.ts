import type { Actor } from '../core/actor.ts';
import { type BrowseLevel, browseLevel } from '../disclosure/audience.ts';
import { discloseRecord } from '../disclosure/policy.ts';
import type { NeedRow } from '../disclosure/record-rows.ts';

export type { NeedRow };
export type NeedView = Omit<NeedRow, 'orgId' | 'createdBy' | 'importKey'> & {
  orgId: string | null;
  createdBy: string | null;
  importKey: string | null;
  redacted: string[];
};

/** Only open needs are shown to other organisations; drafts of the future and closed ones stay with the owner. */
export const isNeedListed = (row: NeedRow) => row.status === 'open' || row.status === 'matching';

export const needAccess = (actor: Actor, row: NeedRow): BrowseLevel | 'none' =>
  browseLevel(actor, row, isNeedListed(row), 'enterprise');

/** The need as a browsing audience sees it; which fields each level hides is decided in disclosure/policy.ts. */
export function toNeedView(access: BrowseLevel, row: NeedRow): NeedView {
  return discloseRecord('need', row, access);
}

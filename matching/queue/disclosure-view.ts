import type { pairDisclosures } from '../../schema/pair-disclosures.ts';

type DisclosureRow = typeof pairDisclosures.$inferSelect;

export type DisclosureView = {
  id: string;
  suggestionId: string;
  side: 'need' | 'achievement';
  note: string | null;
  grantedBy: string;
  grantedAt: Date;
  revokedBy: string | null;
  revokedAt: Date | null;
};

export const toDisclosureView = (row: DisclosureRow): DisclosureView => ({
  ...row,
  side: row.side === 'need' ? 'need' : 'achievement',
});

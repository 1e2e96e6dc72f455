import type { organisations } from '../../schema/organisations.ts';
import type { platforms } from '../../schema/platforms.ts';

export type PlatformRow = typeof platforms.$inferSelect;
type OrganisationRow = typeof organisations.$inferSelect;

/** A platform as everyone sees it: its organisation's name and place with its service catalogue. */
export type PlatformView = Omit<PlatformRow, 'orgId'> & {
  id: string;
  name: string;
  district: string | null;
  city: string | null;
};

export const toPlatformView = (org: OrganisationRow, p: PlatformRow): PlatformView => {
  const { orgId, ...catalogue } = p;
  return { id: orgId, name: org.name, district: org.district, city: org.city, ...catalogue };
};

import { inArray } from 'drizzle-orm';
import { organisations } from '../../schema/organisations.ts';
import { users } from '../../schema/users.ts';
import type { Deps } from '../core/deps.ts';

export type OrgContact = { name: string; district: string | null; city: string | null };
export type PersonContact = { name: string; email: string | null };
export type Contacts = { orgs: Map<string, OrgContact>; people: Map<string, PersonContact> };

/**
 * Names and e-mail addresses behind the organisation and creator ids that already-disclosed views carry. The
 * views decide (disclosure/): a desensitised or confidential counterpart arrives with `orgId` and `createdBy`
 * blanked, so nothing is looked up for it and no contact can leak past the policy.
 */
export async function counterpartContacts(
  deps: Deps,
  views: readonly { orgId: string | null; createdBy: string | null }[],
): Promise<Contacts> {
  const orgIds = [...new Set(views.flatMap((v) => (v.orgId ? [v.orgId] : [])))];
  const userIds = [...new Set(views.flatMap((v) => (v.createdBy ? [v.createdBy] : [])))];
  const [orgRows, userRows] = await Promise.all([
    orgIds.length === 0
      ? []
      : deps.db
          .select({
            id: organisations.id,
            name: organisations.name,
            district: organisations.district,
            city: organisations.city,
          })
          .from(organisations)
          .where(inArray(organisations.id, orgIds)),
    userIds.length === 0
      ? []
      : deps.db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, userIds)),
  ]);
  return {
    orgs: new Map(orgRows.map(({ id, ...contact }) => [id, contact])),
    people: new Map(userRows.map(({ id, ...contact }) => [id, contact])),
  };
}

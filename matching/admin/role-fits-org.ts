import type { orgKinds } from '../../schema/enums.ts';
import type { Role } from '../core/actor.ts';

type OrgKind = (typeof orgKinds)[number];

/** A role only makes sense in some kinds of organisation: needs come from enterprises, results from research. */
const allowedKinds: Record<Role, readonly OrgKind[]> = {
  enterprise: ['enterprise'],
  institution: ['university', 'institute'],
  manager: ['agency', 'university', 'institute', 'poc_centre', 'pilot_platform'],
  admin: ['agency'],
};

export const roleFitsOrg = (role: Role, kind: OrgKind) => allowedKinds[role].includes(kind);
export const kindsForRole = (role: Role) => allowedKinds[role];

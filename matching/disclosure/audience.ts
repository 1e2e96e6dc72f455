import { type Actor, isAdmin, type Role } from '../core/actor.ts';
import { type Confidentiality, type DisclosureLevel, levelByConfidentiality, widest } from './levels.ts';

/** Whose record it is: needs belong to enterprises, achievements to institutions. */
export type OwnedRecord = { orgId: string; confidentiality: Confidentiality };

/**
 * The owner's people are the users of the owning organisation *in the owner's role*: a manager account created
 * inside a university works pairs, it does not speak for the university's results. Admins act for everyone.
 */
export const isOwner = (actor: Actor, record: { orgId: string }, ownerRole: Role) =>
  isAdmin(actor) || (actor.orgId === record.orgId && actor.role === ownerRole);

/** Browsing never goes below desensitised: a confidential record is not shown to others at all. */
export type BrowseLevel = Exclude<DisclosureLevel, 'minimal'>;

/**
 * Browsing (lists and single records): the owner and admins see everything; the other side of the market and
 * managers see listed public and desensitised records; peers of the owner (rival enterprises, other
 * institutions) and confidential records are `none` — answered exactly like a missing id.
 */
export function browseLevel(actor: Actor, record: OwnedRecord, listed: boolean, ownerRole: Role): BrowseLevel | 'none' {
  if (isOwner(actor, record, ownerRole)) return 'full';
  if (!listed || actor.role === ownerRole) return 'none';
  const level = levelByConfidentiality(record.confidentiality);
  return level === 'minimal' ? 'none' : level;
}

/**
 * One side of a pair as seen by someone working or following the pair. Unlike browsing, a pair stays visible
 * after its records stop being listed (an achievement sold in the deal is still the one being bought), so the
 * level follows confidentiality: `full` for the owner, admins and the assigned manager (the brief lets the
 * assigned manager see confidential needs), else by confidentiality — widened to `public` when the owner has
 * disclosed the record to this pair's counterpart (after an NDA, say).
 */
export function pairSideLevel(input: {
  owner: boolean;
  assignedManager: boolean;
  confidentiality: Confidentiality;
  disclosed: boolean;
}): DisclosureLevel {
  if (input.owner || input.assignedManager) return 'full';
  const level = levelByConfidentiality(input.confidentiality);
  return input.disclosed ? widest(level, 'public') : level;
}

import type { confidentialityLevels } from '../../schema/enums.ts';
import { type Actor, isAdmin, type Role } from '../core/actor.ts';

export type Confidentiality = (typeof confidentialityLevels)[number];

/**
 * How much of another organisation's record a caller may see:
 * - `full`: the owner organisation and admins;
 * - `none` for peers of the owner (same role, other organisation);
 * - `public`: anyone, minus the fields the owner marked private;
 * - `desensitised`: anyone, without identifying details;
 * - `none`: confidential or not listed — answered exactly like a missing id, so existence does not leak.
 */
export type Access = 'full' | 'public' | 'desensitised' | 'none';

export function accessFor(
  actor: Actor,
  record: { orgId: string; confidentiality: Confidentiality },
  listed: boolean,
  ownerRole: Role,
): Access {
  if (isAdmin(actor) || actor.orgId === record.orgId) return 'full';
  // Peers never browse each other: enterprises do not see rival enterprises' needs, nor institutions each
  // other's achievements. The other side of the market and the managers do.
  if (!listed || actor.role === ownerRole) return 'none';
  if (record.confidentiality === 'public') return 'public';
  if (record.confidentiality === 'desensitised') return 'desensitised';
  return 'none';
}

/** Blanks the named fields and reports which were hidden, so clients can say "hidden by the owner". */
export function redact<T extends Record<string, unknown>>(
  record: T,
  hidden: readonly string[],
): T & { redacted: string[] } {
  const copy: Record<string, unknown> = { ...record };
  const redacted: string[] = [];
  for (const field of hidden) {
    if (field in copy) {
      copy[field] = Array.isArray(copy[field]) ? [] : null;
      redacted.push(field);
    }
  }
  return { ...(copy as T), redacted };
}

import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { pairDisclosures } from '../../schema/pair-disclosures.ts';

export type DisclosedSide = 'need' | 'achievement';

/** Which sides of these pairs their owners have disclosed to the counterpart, and not revoked. */
export async function liveDisclosures(db: Db, suggestionIds: readonly string[]): Promise<Set<string>> {
  if (suggestionIds.length === 0) return new Set();
  const rows = await db
    .select({ suggestionId: pairDisclosures.suggestionId, side: pairDisclosures.side })
    .from(pairDisclosures)
    .where(and(inArray(pairDisclosures.suggestionId, [...suggestionIds]), isNull(pairDisclosures.revokedAt)));
  return new Set(rows.map((r) => disclosureKey(r.suggestionId, r.side as DisclosedSide)));
}

export const disclosureKey = (suggestionId: string, side: DisclosedSide) => `${suggestionId}:${side}`;

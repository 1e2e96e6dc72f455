import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestions } from '../../../schema/suggestions.ts';
import { type Actor, isAdmin } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import { ForbiddenError, NotFoundError } from '../../core/errors.ts';
import { pairSideLevel } from '../../disclosure/audience.ts';
import type { DisclosureLevel } from '../../disclosure/levels.ts';
import { disclosureKey, liveDisclosures } from '../../disclosure/pair-grants.ts';
import { loadManagedPair } from '../../queue/load-pair.ts';
import { isAssigned } from '../../queue/manager-scope.ts';
import { type PairRow, selectPairs } from '../../queue/queue-item.ts';

/** A pair to explain, and how much of each record each party may see (for the message addressed to them). */
export type ExplainPair = {
  row: PairRow;
  /** The enterprise's view of the achievement, the institution's view of the need. */
  partyLevels: { achievementForEnterprise: DisclosureLevel; needForInstitution: DisclosureLevel };
  disclosed: string[];
};

/**
 * The pair's assigned manager (or the one it was escalated to) and admins see both records in full and may ask
 * for the explanation; a chief browsing another manager's pair may not (they see it as its confidentiality
 * allows). Other roles are refused, and pairs the manager cannot see answer 404 like missing ids.
 */
export async function loadExplainPair(deps: Deps, actor: Actor, id: string): Promise<ExplainPair> {
  let row: PairRow | undefined;
  if (isAdmin(actor)) {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('suggestion');
    [row] = await selectPairs(deps.db).where(eq(suggestions.id, id)).limit(1);
    if (!row) throw new NotFoundError('suggestion');
  } else {
    const managed = await loadManagedPair(deps, actor, id);
    if (!isAssigned(managed.scope, managed.row.s)) throw new ForbiddenError('assigned_manager_only');
    row = managed.row;
  }
  const grants = await liveDisclosures(deps.db, [row.s.id]);
  const side = (confidentiality: PairRow['n']['confidentiality'], disclosed: boolean) =>
    pairSideLevel({ owner: false, assignedManager: false, confidentiality, disclosed });
  return {
    row,
    partyLevels: {
      achievementForEnterprise: side(row.a.confidentiality, grants.has(disclosureKey(row.s.id, 'achievement'))),
      needForInstitution: side(row.n.confidentiality, grants.has(disclosureKey(row.s.id, 'need'))),
    },
    disclosed: [...grants].sort(),
  };
}

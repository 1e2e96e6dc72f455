import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestions } from '../../schema/suggestions.ts';
import { type Actor, isAdmin } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { isOwner } from '../disclosure/audience.ts';
import type { DisclosedSide } from '../disclosure/pair-grants.ts';
import { type PairRow, selectPairs } from './queue-item.ts';
import { partyStages } from './stage-machine.ts';

const followed = new Set<string>(partyStages);

/**
 * The pair and the side the caller owns, for disclosing it. Parties see a pair only once it is accepted, so a
 * party asking about anything else — an unaccepted pair, someone else's pair, a missing id — gets the same
 * 404. Admins own no side and must name one.
 */
export async function loadPartyPair(
  deps: Deps,
  actor: Actor,
  id: string,
  requestedSide: DisclosedSide | undefined,
): Promise<{ row: PairRow; side: DisclosedSide }> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('suggestion');
  const [row] = await selectPairs(deps.db).where(eq(suggestions.id, id)).limit(1);
  if (!row) throw new NotFoundError('suggestion');
  if (isAdmin(actor)) {
    if (!requestedSide) throw new ValidationError([{ field: 'side', issue: 'required' }]);
    if (!followed.has(row.s.stage)) throw new ConflictError('pair_not_accepted', { stage: row.s.stage });
    return { row, side: requestedSide };
  }
  const side = sideOwnedBy(actor, row);
  if (!side || !followed.has(row.s.stage)) throw new NotFoundError('suggestion');
  if (requestedSide && requestedSide !== side) throw new ValidationError([{ field: 'side', issue: 'not_your_side' }]);
  return { row, side };
}

function sideOwnedBy(actor: Actor, row: PairRow): DisclosedSide | undefined {
  if (isOwner(actor, row.n, 'enterprise')) return 'need';
  if (isOwner(actor, row.a, 'institution')) return 'achievement';
  return undefined;
}

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestions } from '../../schema/suggestions.ts';
import { type Actor, isAdmin } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { DomainError, ForbiddenError, NotFoundError } from '../core/errors.ts';
import { isOwner } from '../disclosure/audience.ts';
import { loadManagedPair } from '../queue/load-pair.ts';
import { type PairRow, selectPairs } from '../queue/queue-item.ts';
import { partyStages } from '../queue/stage-machine.ts';
import type { OutcomeAudience } from './outcome-view.ts';
import { pairOutcomeRows } from './pair-outcomes.ts';

const followed = new Set<string>(partyStages);

export type PairAccess = { row: PairRow; audience: OutcomeAudience };

async function loadPair(deps: Deps, id: string): Promise<PairRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('suggestion');
  const [row] = await selectPairs(deps.db).where(eq(suggestions.id, id)).limit(1);
  if (!row) throw new NotFoundError('suggestion');
  return row;
}

/** A manager who may work the pair (as the stage endpoint decides), or undefined for any other manager. */
async function managedPair(deps: Deps, actor: Actor, id: string): Promise<PairRow | undefined> {
  try {
    return (await loadManagedPair(deps, actor, id)).row;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** The platform's people follow a pair once one of its runs is at their platform. */
async function sentToActorsPlatform(deps: Deps, actor: Actor, id: string): Promise<PairRow | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const history = await pairOutcomeRows(deps.db, id);
  if (!history.some((o) => o.platformId === actor.orgId)) return undefined;
  return loadPair(deps, id);
}

/**
 * Who may record on a pair: admins and the managers who may work it record anything; a platform's people
 * record the results of runs at their platform (checked by the verb). Parties follow, they do not record.
 * Pairs the caller may not see are 404 like missing ids.
 */
export async function recorderAccess(deps: Deps, actor: Actor, id: string): Promise<PairAccess> {
  if (isAdmin(actor)) return { row: await loadPair(deps, id), audience: 'worker' };
  if (actor.role !== 'manager') throw new ForbiddenError('outcome_recorders_only');
  const managed = await managedPair(deps, actor, id);
  if (managed) return { row: managed, audience: 'worker' };
  const atPlatform = await sentToActorsPlatform(deps, actor, id);
  if (atPlatform) return { row: atPlatform, audience: 'platform' };
  throw new NotFoundError('suggestion');
}

/**
 * Who may read a pair's outcomes, and as whom: those who record them, and the two parties once the pair is
 * accepted (each minus the other side's private figures, outcome-view.ts). Everyone else: 404.
 */
export async function readerAccess(deps: Deps, actor: Actor, id: string): Promise<PairAccess> {
  if (isAdmin(actor)) return { row: await loadPair(deps, id), audience: 'worker' };
  if (actor.role === 'manager') return recorderAccess(deps, actor, id);
  const row = await loadPair(deps, id);
  if (followed.has(row.s.stage)) {
    if (isOwner(actor, row.n, 'enterprise')) return { row, audience: 'enterprise' };
    if (isOwner(actor, row.a, 'institution')) return { row, audience: 'institution' };
  }
  throw new NotFoundError('suggestion');
}

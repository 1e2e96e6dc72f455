import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestions } from '../../schema/suggestions.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { DomainError, NotFoundError } from '../core/errors.ts';
import { type ManagerScope, managerScope, managerSees } from './manager-scope.ts';
import { type PairRow, selectPairs } from './queue-item.ts';
import { allowedMoves, type Stage } from './stage-machine.ts';

/**
 * A pair the calling manager may see and work. Pairs routed elsewhere answer 404 exactly like missing ids,
 * so managers cannot probe other queues.
 */
export async function loadManagedPair(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ row: PairRow; scope: ManagerScope }> {
  const scope = await managerScope(deps, actor);
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('suggestion');
  const [row] = await selectPairs(deps.db)
    .where(and(eq(suggestions.id, id), managerSees(scope)))
    .limit(1);
  if (!row) throw new NotFoundError('suggestion');
  return { row, scope };
}

/** 409 naming the moves that are legal from where the pair stands, so a client can correct itself. */
export function invalidTransition(from: Stage, to: Stage): DomainError {
  const allowed = allowedMoves(from);
  return new DomainError('invalid_transition', `cannot move from ${from} to ${to}`, {
    reason: allowed.length > 0 ? 'stage_move_not_allowed' : 'stage_final',
    from,
    to,
    allowed: allowed.join(', '),
  });
}

/** The stage as it is now, for the 409 after a guarded update lost a race. */
export async function currentStage(deps: Deps, id: string): Promise<Stage> {
  const [row] = await deps.db
    .select({ stage: suggestions.stage })
    .from(suggestions)
    .where(eq(suggestions.id, id))
    .limit(1);
  if (!row) throw new NotFoundError('suggestion');
  return row.stage;
}

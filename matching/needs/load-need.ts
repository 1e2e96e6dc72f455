import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { needs } from '../../schema/needs.ts';
import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { NotFoundError } from '../core/errors.ts';
import type { BrowseLevel } from '../disclosure/audience.ts';
import { type NeedRow, needAccess } from './need-view.ts';

/**
 * Loads a need the actor may see. A malformed id, a missing need and someone else's confidential need all
 * answer the same NotFound, so a caller cannot probe for existence.
 */
export async function loadVisibleNeed(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ row: NeedRow; access: BrowseLevel }> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('need');
  const [row] = await deps.db.select().from(needs).where(eq(needs.id, id)).limit(1);
  if (!row) throw new NotFoundError('need');
  const access = needAccess(actor, row);
  if (access === 'none') throw new NotFoundError('need');
  return { row, access };
}

/** Writes need full access; others are told the need does not exist rather than that it is not theirs. */
export async function loadOwnNeed(deps: Deps, actor: Actor, id: string): Promise<NeedRow> {
  const { row, access } = await loadVisibleNeed(deps, actor, id);
  if (access !== 'full') throw new NotFoundError('need');
  return row;
}

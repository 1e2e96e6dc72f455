import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import { isAdmin } from '../core/actor.ts';
import { NotFoundError } from '../core/errors.ts';
import type { WithId } from '../core/verb.ts';
import { loadManagedPair } from './load-pair.ts';

export type SuggestionEventView = typeof suggestionEvents.$inferSelect;

/**
 * A pair's history, oldest first: for the managers who may see the pair and for admins. Parties follow
 * progress through their own views; the log carries routing details and decline notes that are not theirs.
 */
export async function listSuggestionEvents({ deps, actor, id }: WithId): Promise<{ items: SuggestionEventView[] }> {
  if (isAdmin(actor)) {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('suggestion');
    const [exists] = await deps.db
      .select({ id: suggestions.id })
      .from(suggestions)
      .where(eq(suggestions.id, id))
      .limit(1);
    if (!exists) throw new NotFoundError('suggestion');
  } else {
    await loadManagedPair(deps, actor, id);
  }
  const items = await deps.db
    .select()
    .from(suggestionEvents)
    .where(eq(suggestionEvents.suggestionId, id))
    .orderBy(asc(suggestionEvents.at), asc(suggestionEvents.id));
  return { items };
}

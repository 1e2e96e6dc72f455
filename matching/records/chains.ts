import { inArray } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { industryChains } from '../../schema/industry-chains.ts';
import { ValidationError } from '../core/errors.ts';

/** A record may only name chains of the loaded taxonomy; the error names the field and the bad id. */
export async function assertChainsExist(db: Db, field: string, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return;
  const found = await db
    .select({ id: industryChains.id })
    .from(industryChains)
    .where(inArray(industryChains.id, wanted));
  const known = new Set(found.map((row) => row.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ValidationError([{ field, issue: 'unknown_chain', params: { values: unknown.join(', ') } }]);
  }
}

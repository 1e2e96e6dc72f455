import { asc } from 'drizzle-orm';
import { industryChains } from '../../schema/industry-chains.ts';
import type { Deps } from '../core/deps.ts';

export async function listChains({ deps }: { deps: Deps }) {
  return deps.db.select().from(industryChains).orderBy(asc(industryChains.sortOrder), asc(industryChains.id));
}

import { asc, eq } from 'drizzle-orm';
import { pairOutcomes } from '../../schema/outcomes.ts';
import type { DbOrTransaction } from '../core/event-log.ts';
import type { OutcomeRow } from './outcome-rules.ts';

/** A pair's outcomes in the order they were recorded. */
export const pairOutcomeRows = (db: DbOrTransaction, suggestionId: string): Promise<OutcomeRow[]> =>
  db.select().from(pairOutcomes).where(eq(pairOutcomes.suggestionId, suggestionId)).orderBy(asc(pairOutcomes.seq));

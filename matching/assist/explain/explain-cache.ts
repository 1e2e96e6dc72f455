import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { assistExplanations } from '../../../schema/assist.ts';
import type { Deps } from '../../core/deps.ts';
import type { PairAssistContent } from './explain-result.ts';
import type { ExplainPair } from './load-explain-pair.ts';

/**
 * What the cached answer was drawn from: both records' versions, the stored explanation, the live disclosure
 * grants (they change what each message may say), and whether confidential records were allowed out.
 */
export function recordsVersion(pair: ExplainPair, allowConfidential: boolean): string {
  const { s, n, a } = pair.row;
  return createHash('sha256')
    .update(JSON.stringify([n.updatedAt, a.updatedAt, s.explanation, pair.disclosed, allowConfidential, n.id, a.id]))
    .digest('hex');
}

export async function cachedExplanation(
  deps: Deps,
  suggestionId: string,
  modelVersion: string,
  version: string,
): Promise<PairAssistContent | undefined> {
  const [row] = await deps.db
    .select()
    .from(assistExplanations)
    .where(and(eq(assistExplanations.suggestionId, suggestionId), eq(assistExplanations.modelVersion, modelVersion)))
    .limit(1);
  return row && row.recordsVersion === version ? (row.content as PairAssistContent) : undefined;
}

/** A checked answer, replacing any older one of the same model version (a cache: no event). */
export async function storeExplanation(
  deps: Deps,
  suggestionId: string,
  modelVersion: string,
  version: string,
  content: PairAssistContent,
): Promise<void> {
  await deps.db
    .insert(assistExplanations)
    .values({ suggestionId, modelVersion, recordsVersion: version, content, createdAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: [assistExplanations.suggestionId, assistExplanations.modelVersion],
      set: { recordsVersion: version, content, createdAt: deps.clock.now() },
    });
}

import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { matchDocuments } from '../../schema/match-documents.ts';
import type { Deps } from '../core/deps.ts';
import { ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validate.ts';
import { spaceKey } from '../vectors/pgvector-index.ts';
import { indexVectors } from './index-vectors.ts';
import { recordRefPayload } from './listed.ts';

export const reembedPayload = recordRefPayload.extend({ space: z.string().min(1) });

/**
 * The reembed job: puts one record's vector into the configured embedding space (a new model writes a new
 * space beside the old one; nothing compares across spaces). A job for a space this process is not configured
 * for can never succeed here, so it fails permanently and shows in the admin view.
 */
export async function processReembed(deps: Deps, payload: unknown) {
  const { kind, id, space } = parseInput(reembedPayload, payload);
  if (!deps.dense || spaceKey(deps.dense.index.space) !== space) {
    throw new ValidationError([{ field: 'space', issue: 'space_not_configured', params: { values: space } }]);
  }
  const [doc] = await deps.db
    .select()
    .from(matchDocuments)
    .where(and(eq(matchDocuments.kind, kind), eq(matchDocuments.recordId, id)))
    .limit(1);
  // Not ingested (yet): its ingest job embeds it into the configured space anyway.
  if (!doc) return { embedded: 0 };
  await indexVectors(deps.dense, [{ ...doc, kind }]);
  return { embedded: 1 };
}

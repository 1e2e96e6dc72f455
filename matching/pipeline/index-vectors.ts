import type { DenseRetrieval } from '../core/deps.ts';
import type { MatchDocumentValues } from '../engine/match-document.ts';
import type { VectorRecord } from '../vectors/vector-index.ts';

/**
 * Embeds changed documents into the configured vector space. Runs after the match document commits; a failure
 * throws so the ingest job retries, and upserts are idempotent, so a retry only repeats work.
 */
type Embeddable = Pick<
  MatchDocumentValues,
  'kind' | 'recordId' | 'orgId' | 'status' | 'confidentiality' | 'chainId' | 'normalized'
>;

export async function indexVectors(dense: DenseRetrieval, docs: readonly Embeddable[]): Promise<void> {
  if (docs.length === 0) return;
  const vectors = await dense.embedder.embed(docs.map((d) => d.normalized));
  const records: VectorRecord[] = docs.map((doc, i) => ({
    id: doc.recordId,
    vector: vectors[i] ?? new Float32Array(dense.embedder.dimensions),
    payload: {
      kind: doc.kind,
      orgId: doc.orgId,
      status: doc.status,
      confidentiality: doc.confidentiality as VectorRecord['payload']['confidentiality'],
      chainId: doc.chainId,
    },
  }));
  await dense.index.upsert(records);
}

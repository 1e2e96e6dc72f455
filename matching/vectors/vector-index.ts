import type { confidentialityLevels } from '../../schema/enums.ts';

export type RecordKind = 'need' | 'achievement';

/** Which embedding model produced a vector. Vectors of different spaces are never compared. */
export type VectorSpace = { embedderId: string; version: string; dimensions: number };

/** Fields every vector carries so filters run inside the index, before the top-k cut, not after it. */
export type VectorPayload = {
  kind: RecordKind;
  orgId: string;
  status: string;
  confidentiality: (typeof confidentialityLevels)[number];
  chainId: string | null;
};

/** Sparse lexical vector (term ids and weights), for backends that keep BM25-like signals next to dense ones. */
export type SparseVector = { indices: number[]; values: number[] };

export type VectorRecord = {
  id: string;
  vector: Float32Array;
  sparse?: SparseVector | undefined;
  payload: VectorPayload;
};

/**
 * Who the results are for. Confidential records are returned only to their own organisation, or to the
 * system itself (routing to an assigned manager); every query must say which.
 */
export type Audience = { orgId: string } | { system: true };

export type VectorFilter = {
  kind: RecordKind;
  audience: Audience;
  statuses?: string[] | undefined;
  chainIds?: string[] | undefined;
  /** Parties that must not appear, e.g. the querying organisation's own records. */
  excludeOrgIds?: string[] | undefined;
};

export type VectorHit = { id: string; score: number };

export type VectorQuery = { vector: Float32Array; k: number; filter: VectorFilter };

/**
 * The vector store port. pgvector (PGlite or a server) and Qdrant implement it and pass one contract suite.
 * Scores are cosine similarities in [-1, 1], higher is closer.
 */
export interface VectorIndex {
  readonly backend: string;
  readonly space: VectorSpace;
  /** Creates the collection/table for this space if missing; idempotent. */
  ensure(): Promise<void>;
  upsert(records: VectorRecord[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  search(query: VectorQuery): Promise<VectorHit[]>;
  count(filter?: Partial<VectorFilter>): Promise<number>;
  /** Drops everything in this space and loads it again from the source of truth, batch by batch. */
  rebuild(batches: AsyncIterable<VectorRecord[]>): Promise<number>;
}

export class VectorSpaceMismatchError extends Error {
  constructor(expected: VectorSpace, got: { dimensions: number }) {
    super(`vector of ${got.dimensions} dims does not belong to space ${expected.embedderId}@${expected.version}`);
  }
}

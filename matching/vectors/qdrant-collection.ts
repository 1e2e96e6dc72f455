import { createHash } from 'node:crypto';
import type { Schemas } from '@qdrant/js-client-rest';
import type { VectorSpace } from './vector-index.ts';

export const DENSE_VECTOR = 'dense';
/** Reserved for BM25-like term weights so hybrid (dense + sparse) queries need no migration later. */
export const SPARSE_VECTOR = 'lexical';

const MAX_NAME = 200;

/**
 * One collection per vector space: embedder, version and size all appear in the name, so vectors of two
 * models can never meet in one query. Anything outside [A-Za-z0-9_-] becomes "_"; long names keep a
 * readable head and a hash of the whole, so two spaces never collapse onto one name.
 */
export function collectionName(space: VectorSpace, prefix = 'vectors'): string {
  const raw = `${prefix}__${space.embedderId}__${space.version}__${space.dimensions}`;
  const clean = raw.replace(/[^A-Za-z0-9_-]/g, '_');
  if (clean.length <= MAX_NAME && clean === raw) return clean;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
  return `${clean.slice(0, MAX_NAME - hash.length - 1)}_${hash}`;
}

export function collectionConfig(space: VectorSpace): Schemas['CreateCollection'] {
  return {
    vectors: { [DENSE_VECTOR]: { size: space.dimensions, distance: 'Cosine' } },
    // No IDF modifier: the sparse weights we store are already BM25-style, weighting them again would skew them.
    sparse_vectors: { [SPARSE_VECTOR]: {} },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Qdrant point ids are UUIDs or unsigned integers. Our record ids are UUIDs; they are lower-cased because
 * Qdrant answers in lower case and callers compare the ids it returns with their own.
 */
export const isUuid = (id: string): boolean => UUID.test(id);

export function pointId(id: string): string {
  if (!isUuid(id)) throw new Error(`Qdrant point ids must be UUIDs; got a ${id.length}-character id`);
  return id.toLowerCase();
}

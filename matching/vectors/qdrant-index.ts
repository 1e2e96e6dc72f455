import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import { collectionConfig, collectionName, DENSE_VECTOR, isUuid, pointId, SPARSE_VECTOR } from './qdrant-collection.ts';
import { type CountFilter, matchesNothing, PAYLOAD_KEYS, toQdrantFilter } from './qdrant-filter.ts';
import {
  type VectorHit,
  type VectorIndex,
  type VectorQuery,
  type VectorRecord,
  type VectorSpace,
  VectorSpaceMismatchError,
} from './vector-index.ts';

export type QdrantIndexOptions = {
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number | undefined;
  /** Lets several deployments (or test runs) share one Qdrant without sharing collections. */
  collectionPrefix?: string | undefined;
  /** Points per upsert request; Qdrant's default request limit is 32 MB, ~1k points of 1536 dims is ~15 MB. */
  upsertBatchSize?: number | undefined;
};

function toPoint(record: VectorRecord): Schemas['PointStruct'] {
  const sparse = record.sparse?.indices.length ? { [SPARSE_VECTOR]: record.sparse } : {};
  return {
    id: pointId(record.id),
    // Plain arrays: the REST API takes JSON numbers, not typed arrays.
    vector: { [DENSE_VECTOR]: Array.from(record.vector), ...sparse },
    payload: { ...record.payload },
  };
}

/**
 * The VectorIndex port on Qdrant, for pools that outgrow one Postgres. Postgres stays the source of truth:
 * everything here can be dropped and rebuilt from it. Filters always travel inside the query (see
 * qdrant-filter.ts); similarity search uses `points/query`, the only search endpoint left in Qdrant 1.19.
 */
export function createQdrantIndex(space: VectorSpace, options: QdrantIndexOptions): VectorIndex {
  const client = new QdrantClient({
    url: options.url,
    apiKey: options.apiKey,
    timeout: options.timeoutMs ?? 30_000,
    // The version probe is a fire-and-forget request that only warns; startup health checks cover it.
    checkCompatibility: false,
  });
  const name = collectionName(space, options.collectionPrefix);
  const batchSize = options.upsertBatchSize ?? 256;

  const checkDimensions = (vector: Float32Array) => {
    if (vector.length !== space.dimensions) throw new VectorSpaceMismatchError(space, { dimensions: vector.length });
  };

  const exists = async () => (await client.collectionExists(name)).exists;

  const ensure = async () => {
    if (!(await exists())) {
      try {
        await client.createCollection(name, collectionConfig(space));
      } catch (error) {
        // Another worker may have created it between our check and our create; that is success too.
        if (!(await exists())) throw error;
      }
    }
    // Idempotent on Qdrant's side; keyword indexes make filtered HNSW search use the payload, not a scan.
    for (const key of PAYLOAD_KEYS) {
      await client.createPayloadIndex(name, { field_name: key, field_schema: 'keyword', wait: true });
    }
  };

  const upsert = async (records: VectorRecord[]) => {
    // Check every record before sending any, so a bad one cannot leave a half-written batch behind.
    for (const record of records) checkDimensions(record.vector);
    const points = records.map(toPoint);
    for (let start = 0; start < points.length; start += batchSize) {
      await client.upsert(name, { wait: true, points: points.slice(start, start + batchSize) });
    }
  };

  const search = async (query: VectorQuery): Promise<VectorHit[]> => {
    checkDimensions(query.vector);
    const limit = Math.floor(query.k);
    if (limit < 1 || matchesNothing(query.filter)) return [];
    const response = await client.query(name, {
      query: Array.from(query.vector),
      using: DENSE_VECTOR,
      filter: toQdrantFilter(query.filter),
      limit,
      with_payload: false,
      with_vector: false,
    });
    return response.points.map((point) => ({ id: String(point.id), score: point.score }));
  };

  const count = async (filter?: CountFilter) => {
    if (matchesNothing(filter)) return 0;
    const response = await client.count(name, { filter: toQdrantFilter(filter), exact: true });
    return response.count;
  };

  return {
    backend: 'qdrant',
    space,
    ensure,
    upsert,
    search,
    count,
    async delete(ids) {
      // An id that is not a UUID can never have been stored, so there is nothing to delete for it.
      const points = ids.filter(isUuid).map(pointId);
      if (points.length > 0) await client.delete(name, { wait: true, points });
    },
    async rebuild(batches) {
      if (await exists()) await client.deleteCollection(name);
      await ensure();
      let loaded = 0;
      for await (const batch of batches) {
        await upsert(batch);
        loaded += batch.length;
      }
      return loaded;
    },
  };
}

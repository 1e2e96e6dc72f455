import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../schema/db.ts';
import { recordVectors } from '../../schema/record-vectors.ts';
import { vectorFilterSql, vectorLiteral } from './vector-filter-sql.ts';
import {
  type VectorIndex,
  type VectorQuery,
  type VectorRecord,
  type VectorSpace,
  VectorSpaceMismatchError,
} from './vector-index.ts';

export const spaceKey = (space: VectorSpace) => `${space.embedderId}@${space.version}`;

/** Literals in DDL cannot be parameters; the space key is escaped, the index name is a hex hash. */
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * pgvector on PGlite or a PostgreSQL server. One table holds every space; each space gets a partial HNSW
 * (cosine) index at its own dimension, so the planner scans only that space's vectors.
 */
export function createPgvectorIndex(db: Db, space: VectorSpace): VectorIndex {
  const key = spaceKey(space);
  const dims = Math.trunc(space.dimensions);
  const spaceLiteral = sql.raw(quoteLiteral(key));
  const cast = sql.raw(`vector(${dims})`);
  const indexName = `record_vectors_hnsw_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  let iterativeScan: boolean | undefined;

  const checkDims = (v: Float32Array) => {
    if (v.length !== dims) throw new VectorSpaceMismatchError(space, { dimensions: v.length });
  };

  async function upsert(records: VectorRecord[]) {
    if (records.length === 0) return;
    for (const r of records) checkDims(r.vector);
    const now = new Date();
    const rows = records.map((r) => ({
      space: key,
      recordId: r.id,
      ...r.payload,
      embedding: vectorLiteral(r.vector),
      updatedAt: now,
    }));
    await db
      .insert(recordVectors)
      .values(rows)
      .onConflictDoUpdate({
        target: [recordVectors.space, recordVectors.recordId],
        set: {
          kind: sql`excluded.kind`,
          orgId: sql`excluded.org_id`,
          status: sql`excluded.status`,
          confidentiality: sql`excluded.confidentiality`,
          chainId: sql`excluded.chain_id`,
          embedding: sql`excluded.embedding`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }

  return {
    backend: 'pgvector',
    space,

    async ensure() {
      await db.execute(
        sql.raw(
          `create index if not exists ${indexName} on record_vectors using hnsw ((embedding::vector(${dims})) vector_cosine_ops) where space = ${quoteLiteral(key)}`,
        ),
      );
      const [row] = await queryRows<{ v: string }>(
        db,
        sql`select extversion as v from pg_extension where extname = 'vector'`,
      );
      const [major = 0, minor = 0] = (row?.v ?? '0.0').split('.').map(Number);
      iterativeScan = major > 0 || minor >= 8;
    },

    upsert,

    async delete(ids) {
      if (ids.length === 0) return;
      await db.delete(recordVectors).where(and(eq(recordVectors.space, key), inArray(recordVectors.recordId, ids)));
    },

    async search({ vector, k, filter }: VectorQuery) {
      checkDims(vector);
      const where = sql.join([sql`space = ${spaceLiteral}`, ...vectorFilterSql(filter)], sql` and `);
      const q = vectorLiteral(vector);
      return db.transaction(async (tx) => {
        // Filtered HNSW scans can stop short of k matches; pgvector >= 0.8 keeps scanning until k pass the filter.
        await tx.execute(sql.raw(`set local hnsw.ef_search = ${Math.min(1000, Math.max(40, k * 2))}`));
        if (iterativeScan) await tx.execute(sql.raw('set local hnsw.iterative_scan = strict_order'));
        const rows = await queryRows<{ id: string; distance: number }>(
          tx as unknown as Db,
          sql`select record_id as id, (embedding::${cast} <=> ${q}::${cast})::float8 as distance
              from record_vectors where ${where}
              order by embedding::${cast} <=> ${q}::${cast} limit ${k}`,
        );
        return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) }));
      });
    },

    async count(filter = {}) {
      const where = sql.join([sql`space = ${spaceLiteral}`, ...vectorFilterSql(filter)], sql` and `);
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from record_vectors where ${where}`,
      );
      return Number(row?.n ?? 0);
    },

    async rebuild(batches) {
      await db.delete(recordVectors).where(eq(recordVectors.space, key));
      let n = 0;
      for await (const batch of batches) {
        await upsert(batch);
        n += batch.length;
      }
      return n;
    },
  };
}

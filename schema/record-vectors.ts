import { customType, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** pgvector without a fixed dimension: each vector space gets its own partial HNSW index at its dimension. */
const anyVector = customType<{ data: string; driverData: string }>({ dataType: () => 'vector' });

/**
 * Dense vectors of needs and achievements, one row per (space, record). `space` is embedder id@version, so
 * vectors of different models live side by side during a re-embed and are never compared.
 * The visibility fields are copied from the record so filters run inside the index scan.
 */
export const recordVectors = pgTable(
  'record_vectors',
  {
    space: text('space').notNull(),
    recordId: uuid('record_id').notNull(),
    kind: text('kind').notNull(),
    orgId: uuid('org_id').notNull(),
    status: text('status').notNull(),
    confidentiality: text('confidentiality').notNull(),
    chainId: text('chain_id'),
    embedding: anyVector('embedding').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.space, t.recordId] }),
    index('record_vectors_filter_idx').on(t.space, t.kind, t.status),
  ],
);

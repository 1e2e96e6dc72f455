import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Every write takes the next value, so each process can pull just what changed since it last looked. */
export const matchDocumentSeq = pgSequence('match_document_seq');

/**
 * The matching engine's view of a need or achievement: the analysed text (jieba is the expensive step, so its
 * output is kept; bigrams and characters are rebuilt from `normalized`), key terms for ranking, and the
 * fields filters and features use. Derived from the needs/achievements tables by the ingest step.
 */
export const matchDocuments = pgTable(
  'match_documents',
  {
    kind: text('kind').notNull(),
    recordId: uuid('record_id').notNull(),
    orgId: uuid('org_id').notNull(),
    status: text('status').notNull(),
    confidentiality: text('confidentiality').notNull(),
    /** The user's chain, or the classifier's guess when the user gave none. */
    chainId: text('chain_id'),
    chainSource: text('chain_source'),
    normalized: text('normalized').notNull(),
    /** jieba words, space-joined (tokens never contain spaces). */
    words: text('words').notNull(),
    /** Ranking profile: key terms, TRL, modes, team, district — see matching/ranking/pair-profiles.ts. */
    profile: jsonb('profile').notNull(),
    /** Hash of the source fields, so re-ingesting an unchanged record writes nothing. */
    sourceHash: text('source_hash').notNull(),
    analyzerVersion: integer('analyzer_version').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /**
     * The writing transaction's id. Sequence values are drawn before commit, so rows can become visible out of
     * `seq` order; readers page by (xid, seq) and trust only rows whose transaction is older than every one still
     * running (see matching/engine/document-cursor.ts).
     */
    xid: bigint('xid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.recordId] }),
    index('match_documents_seq_idx').on(t.seq),
    index('match_documents_xid_seq_idx').on(t.xid, t.seq),
  ],
);

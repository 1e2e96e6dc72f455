import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The event log: every state change, in one gap-free order, hash-chained (ADR 0008). `seq` is assigned under
 * the chain head's row lock, so it has no gaps (a rolled-back append rolls the head back too) and commit order
 * is seq order. `hash` = SHA-256 over `prev_hash` and a canonical encoding of the row (matching/core/event-hash.ts);
 * `npm run audit:verify` recomputes the chain. Rows are never updated or deleted (a trigger refuses it, and the
 * application role may only insert and read).
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    /** `user:<uuid>` for a person, `system:<name>` for a process (system:router, system:matcher …). */
    actor: text('actor').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** The organisation the subject belongs to, for per-organisation audit and statistics; null for global. */
    orgId: uuid('org_id'),
    type: text('type').notNull(),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('events_subject_idx').on(t.subjectKind, t.subjectId, t.seq),
    index('events_type_idx').on(t.type, t.seq),
  ],
);

/** One row (id 1): the last seq and hash. Appenders lock it, which orders and chains the log. */
export const eventChainHead = pgTable('event_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

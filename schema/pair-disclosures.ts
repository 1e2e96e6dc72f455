import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { suggestions } from './suggestions.ts';
import { users } from './users.ts';

/**
 * Disclosure on purpose: after a pair is accepted, the owner of a confidential (or desensitised) record may let
 * the counterpart of that one pair see it (typically once an NDA is signed). One row per grant; revoking sets
 * `revokedAt` and a later grant is a new row, so the history stays readable. `side` names whose record is shown.
 */
export const pairDisclosures = pgTable(
  'pair_disclosures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    /** 'need' (the enterprise lets the institution see its need) or 'achievement' (the other way round). */
    side: text('side').notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    note: text('note'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('pair_disclosures_suggestion_idx').on(t.suggestionId),
    // At most one live grant per pair and side.
    uniqueIndex('pair_disclosures_live_idx').on(t.suggestionId, t.side).where(sql`revoked_at is null`),
  ],
);

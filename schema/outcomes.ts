import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { outcomeKind, outcomeReason, outcomeResult } from './enums.ts';
import { organisations } from './organisations.ts';
import { suggestions } from './suggestions.ts';
import { users } from './users.ts';

/**
 * What happened to an accepted pair, one row per recorded outcome (matching/outcomes/): PoC runs and their
 * results per phase, pilots, the deal and the landing. Kind-specific figures live in `details`, validated by
 * the outcome's zod schema; the columns are what queries filter and count on.
 */
export const pairOutcomes = pgTable(
  'pair_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Recording order, gap-free enough to order a pair's outcomes recorded within one millisecond. */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    kind: outcomeKind('kind').notNull(),
    /** PoC phase 1–3 (poc_started, poc_result). */
    phase: integer('phase'),
    /** The PoC centre or pilot platform (organisations.id) a run is at. */
    platformId: uuid('platform_id').references(() => organisations.id),
    /** The poc_started / pilot_started outcome a result closes. */
    runId: uuid('run_id'),
    result: outcomeResult('result'),
    reasonCode: outcomeReason('reason_code'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** The recorder's free text: shown to the people working the pair, never written to the event log. */
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    /** When it happened (the landing date, say); defaults to when it was recorded. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pair_outcomes_suggestion_idx').on(t.suggestionId, t.seq),
    index('pair_outcomes_platform_idx').on(t.platformId),
  ],
);

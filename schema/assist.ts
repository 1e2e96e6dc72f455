import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { suggestions } from './suggestions.ts';

/**
 * Tokens an organisation's AI assistance spent per UTC day (LLM_DAILY_TOKENS_PER_ORG caps it). A request
 * reserves its worst case in one upsert that refuses to pass the cap, and settles to what the provider billed.
 * Operational counters like the rate limiter's, not domain changes: they bypass the event log.
 */
export const assistTokenUsage = pgTable(
  'assist_token_usage',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    day: date('day').notNull(),
    tokens: integer('tokens').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] })],
);

/**
 * A model's checked explanation and outreach drafts for one pair, per model version: asking again costs no
 * tokens. `recordsVersion` fingerprints both records and the stored explanation; an edit makes the row stale.
 */
export const assistExplanations = pgTable(
  'assist_explanations',
  {
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    modelVersion: text('model_version').notNull(),
    recordsVersion: text('records_version').notNull(),
    content: jsonb('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.suggestionId, t.modelVersion] })],
);

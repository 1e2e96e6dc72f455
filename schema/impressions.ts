import { boolean, index, integer, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { suggestions } from './suggestions.ts';
import { users } from './users.ts';

/**
 * What a manager was shown: one row per pair per list served, with its position, so learning can correct for
 * position (a pair at the top is acted on more because it is at the top). Observations, not state changes:
 * they are not in the event log, which would otherwise grow with every page view.
 */
export const impressions = pgTable(
  'impressions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => suggestions.id, { onDelete: 'cascade' }),
    /** Which list: 'queue' (one pair per row) or 'queue_by_need' (needs with their pairs side by side). */
    list: text('list').notNull(),
    /** Where the list was shown: 'api' or 'page' (the workbench). */
    surface: text('surface').notNull(),
    /** 1-based rank in the whole list (page offset included); for grouped lists, the need's rank. */
    position: integer('position').notNull(),
    /** For grouped lists, the pair's 1-based place within its need; null otherwise. */
    groupPosition: integer('group_position'),
    /** The pair's stage, score and ranker version when shown. */
    stage: text('stage').notNull(),
    score: real('score').notNull(),
    modelVersion: text('model_version').notNull(),
    /** A slot given to a never-shown achievement for exposure (the learning issue's exploration). */
    exploration: boolean('exploration').notNull().default(false),
    shownAt: timestamp('shown_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('impressions_suggestion_idx').on(t.suggestionId, t.shownAt),
    index('impressions_user_idx').on(t.userId, t.shownAt),
  ],
);

import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { achievements } from './achievements.ts';
import { declineReason, suggestionStage } from './enums.ts';
import { needs } from './needs.ts';
import { users } from './users.ts';

/**
 * One row per (need, achievement) pair, whichever direction found it first: re-matching updates the score,
 * features and explanation in place and never duplicates the pair.
 */
export const suggestions = pgTable(
  'suggestions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    score: real('score').notNull(),
    /**
     * Calibrated estimate that a manager would accept the pair, comparable across needs (unlike `score`, which
     * only orders one need's candidates); the cut-off applies to it. Null on pairs stored before it existed.
     */
    relevance: real('relevance'),
    /** Feature values at scoring time, so the suggestion can be explained and relearnt. */
    features: jsonb('features').$type<Record<string, number>>().notNull(),
    modelVersion: text('model_version').notNull(),
    explanation: jsonb('explanation').notNull(),
    /** 'need' or 'achievement': which side's match job proposed it first. */
    foundBy: text('found_by').notNull(),
    stage: suggestionStage('stage').notNull().default('suggested'),
    managerId: uuid('manager_id').references(() => users.id),
    /** Why routing chose this manager (or none), for audit and for the admin "unrouted" list. */
    routing: jsonb('routing'),
    declineReason: declineReason('decline_reason'),
    declineNote: text('decline_note'),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('suggestions_pair_idx').on(t.needId, t.achievementId),
    index('suggestions_manager_stage_idx').on(t.managerId, t.stage),
    index('suggestions_achievement_idx').on(t.achievementId),
    index('suggestions_open_routing_idx').on(t.stage, t.routedAt).where(sql`stage in ('routed', 'claimed')`),
  ],
);

/** Every decision and stage change, with actor and time: the event log statistics and learning read. */
export const suggestionEvents = pgTable(
  'suggestion_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    suggestionId: uuid('suggestion_id')
      .notNull()
      .references(() => suggestions.id),
    /** Null for the system (engine, router, SLA sweep). */
    actorId: uuid('actor_id').references(() => users.id),
    type: text('type').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    data: jsonb('data'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('suggestion_events_suggestion_idx').on(t.suggestionId, t.at)],
);

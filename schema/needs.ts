import { date, index, integer, numeric, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { confidentiality, needStatus } from './enums.ts';
import { industryChains } from './industry-chains.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

/** 技术需求: a problem an enterprise wants solved. */
export const needs = pgTable(
  'needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** The chain it is matched, routed and counted under: the user's choice, else the classifier's (chainSource). */
    chainId: text('chain_id').references(() => industryChains.id),
    /** 'user' when the owner chose the chain, 'classified' when the ingest step's classifier did, null when neither. */
    chainSource: text('chain_source'),
    /** The classifier's confidence in [0, 1] (1 for a user's choice). */
    chainConfidence: real('chain_confidence'),
    keywords: text('keywords').array().notNull().default([]),
    /** Desired maturity as a TRL range (1–9). */
    trlMin: integer('trl_min'),
    trlMax: integer('trl_max'),
    /** Budget in 万元 (10,000 CNY). */
    budgetMin: numeric('budget_min', { mode: 'number' }),
    budgetMax: numeric('budget_max', { mode: 'number' }),
    deadline: date('deadline'),
    cooperationModes: text('cooperation_modes').array().notNull().default([]),
    confidentiality: confidentiality('confidentiality').notNull().default('public'),
    /** Fields the enterprise marked private: hidden from others even when the need is desensitised. */
    privateFields: text('private_fields').array().notNull().default([]),
    status: needStatus('status').notNull().default('open'),
    /** Set by bulk import (title + organisation + patent number), so re-running a file adds nothing twice. */
    importKey: text('import_key').unique(),
    /**
     * The last match job's verdict: 'matched' (live pairs above the cut-off) or 'no_match_yet' (none yet;
     * a newly published achievement that fits re-matches it). Null until first matched.
     */
    matchState: text('match_state'),
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    /** The one manager who works all of this need's pairs (set by routing on its first pair). */
    managerId: uuid('manager_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('needs_org_idx').on(t.orgId, t.createdAt),
    index('needs_status_idx').on(t.status),
    index('needs_chain_idx').on(t.chainId),
    index('needs_manager_idx').on(t.managerId),
  ],
);

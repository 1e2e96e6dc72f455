import { date, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    chainId: text('chain_id').references(() => industryChains.id),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('needs_org_idx').on(t.orgId, t.createdAt),
    index('needs_status_idx').on(t.status),
    index('needs_chain_idx').on(t.chainId),
  ],
);

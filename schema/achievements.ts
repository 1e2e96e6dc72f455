import { index, integer, jsonb, numeric, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { achievementStatus, confidentiality, ipStatus } from './enums.ts';
import { industryChains } from './industry-chains.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export type Patent = { number: string; title?: string | undefined; status?: string | undefined };
export type Team = { lead?: string | undefined; members?: string[] | undefined };

/** 科技成果: a research result offered for transfer. */
export const achievements = pgTable(
  'achievements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    title: text('title').notNull(),
    abstract: text('abstract').notNull(),
    /** The chain it is matched, routed and counted under: the user's choice, else the classifier's (chainSource). */
    chainId: text('chain_id').references(() => industryChains.id),
    /** 'user' when the owner chose the chain, 'classified' when the ingest step's classifier did, null when neither. */
    chainSource: text('chain_source'),
    /** The classifier's confidence in [0, 1] (1 for a user's choice). */
    chainConfidence: real('chain_confidence'),
    keywords: text('keywords').array().notNull().default([]),
    patents: jsonb('patents').$type<Patent[]>().notNull().default([]),
    ipStatus: ipStatus('ip_status').notNull().default('unclear'),
    trl: integer('trl'),
    team: jsonb('team').$type<Team>().notNull().default({}),
    transferModes: text('transfer_modes').array().notNull().default([]),
    /** Price range in 万元. */
    priceMin: numeric('price_min', { mode: 'number' }),
    priceMax: numeric('price_max', { mode: 'number' }),
    confidentiality: confidentiality('confidentiality').notNull().default('public'),
    status: achievementStatus('status').notNull().default('published'),
    /** Set by bulk import (title + organisation + patent number), so re-running a file adds nothing twice. */
    importKey: text('import_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('achievements_org_idx').on(t.orgId, t.createdAt),
    index('achievements_status_idx').on(t.status),
    index('achievements_chain_idx').on(t.chainId),
  ],
);

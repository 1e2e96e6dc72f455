import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { chainTier } from './enums.ts';

/** The city's industry taxonomy (Huzhou "1366" by default; other cities load their own). */
export const industryChains = pgTable('industry_chains', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tier: chainTier('tier').notNull(),
  taxonomy: text('taxonomy').notNull(),
  /** Terms that signal the chain, used by the classifier as seed evidence. */
  keywords: text('keywords').array().notNull().default([]),
  sortOrder: integer('sort_order').notNull().default(0),
});

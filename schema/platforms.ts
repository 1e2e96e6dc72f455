import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { platformKind, platformLevel, pocCentreType } from './enums.ts';
import { organisations } from './organisations.ts';

/**
 * A platform's service catalogue: one row per PoC centre (概念验证中心) or pilot platform (中试平台), whose
 * organisation row (kind poc_centre / pilot_platform) holds its name and district. The arrays are what a
 * manager filters on when choosing where to send a pair.
 */
export const platforms = pgTable(
  'platforms',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organisations.id),
    kind: platformKind('kind').notNull(),
    /** PoC centres only: comprehensive (综合类) or specialised (专业类). */
    pocType: pocCentreType('poc_type'),
    level: platformLevel('level').notNull(),
    /** Technical fields served, e.g. 新材料, 生物医药. */
    fields: text('fields').array().notNull().default([]),
    /** Industry chain ids served (industry_chains.id). */
    chains: text('chains').array().notNull().default([]),
    /** PoC centres only: which of the three PoC phases (1 scientific, 2 technical/process, 3 product/commercial). */
    pocPhases: integer('poc_phases').array().notNull().default([]),
    /** Pilot platforms only: equipment and processes offered. */
    equipment: text('equipment').array().notNull().default([]),
    processes: text('processes').array().notNull().default([]),
    /** Pilot platforms only: the batch scale they run, e.g. 百公斤级. */
    batchScale: text('batch_scale'),
    /** Projects it can run at once. */
    capacity: integer('capacity').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('platforms_kind_level_idx').on(t.kind, t.level)],
);

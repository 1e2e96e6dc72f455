import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/** 技术经理人: a user with role manager, the chains they cover and how much work they can take. */
export const managers = pgTable('managers', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  chains: text('chains').array().notNull().default([]),
  capacity: integer('capacity').notNull().default(20),
  /** 首席技术经理人 of each chain in `chains`: receives escalations. */
  isChief: boolean('is_chief').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

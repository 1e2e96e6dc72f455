import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgKind } from './enums.ts';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: orgKind('kind').notNull(),
    /** 区县, e.g. 吴兴区; free text so other cities' districts fit without a migration. */
    district: text('district'),
    city: text('city'),
    /** 统一社会信用代码 when known. */
    creditCode: text('credit_code').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisations_kind_idx').on(t.kind)],
);

import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * `Idempotency-Key` on creating POSTs: the first answer is kept, keyed by caller, route and key, so a retried
 * request gets the same answer and creates nothing twice. `requestHash` tells a retry (same body) from a
 * misuse of the key (different body → 409). A row with no `status` yet is a request still in flight.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Method and route pattern, e.g. `POST /v1/needs`: one key may be reused on another route. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    body: jsonb('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.key] })],
);

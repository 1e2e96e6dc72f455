import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { type Db, migrationsFolder } from './db.ts';

// drizzle's own bookkeeping table; declared here (not in index.ts) so drizzle-kit never tries to manage it.
const appliedMigrations = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: unknown[];
};
export const expectedMigrations = journal.entries.length;

export type Readiness = { database: boolean; migrations: { applied: number; expected: number } };

/** Ready means: the database answers and every committed migration has been applied. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    const [row] = await db.select({ n: count() }).from(appliedMigrations);
    return { database: true, migrations: { applied: row?.n ?? 0, expected: expectedMigrations } };
  } catch {
    return { database: false, migrations: { applied: 0, expected: expectedMigrations } };
  }
}

export const isReady = (r: Readiness) => r.database && r.migrations.applied >= r.migrations.expected;

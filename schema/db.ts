import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireDataDirLock, type DataDirLock, type DataDirOwner } from './data-dir-lock.ts';
import * as schema from './index.ts';

export type Schema = typeof schema;
/** One type for both drivers: domain code never knows whether it runs on PGlite or a server. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbHandle = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** The ownership lock of an embedded DATA_DIR (absent for PostgreSQL and `memory://`). */
  lock?: DataDirLock | undefined;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = new URL('./migrations', import.meta.url).pathname;

export type OpenDbOptions = {
  /** postgres:// URL of a server; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files, or `memory://` for a throwaway database. */
  dataDir: string;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** What the lock file says this process is (default: the script and its arguments). */
  command?: string;
  /** Told when the lock of a process that is gone is taken over. */
  onStaleLock?: (stale: DataDirOwner | undefined) => void;
};

export async function openDb(options: OpenDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options);
}

async function openPglite(options: OpenDbOptions): Promise<DbHandle> {
  const { dataDir } = options;
  if (dataDir.startsWith('memory://')) return pgliteHandle(await PGlite.create(dataDir, { extensions: { vector } }));
  mkdirSync(join(dataDir, 'pglite'), { recursive: true });
  // Taken before PGlite opens the files: a second opener must not even start recovery on them.
  const lock = acquireDataDirLock(dataDir, {
    command: options.command ?? processCommand(),
    ...(options.onStaleLock ? { onTakeover: options.onStaleLock } : {}),
  });
  try {
    return pgliteHandle(await PGlite.create(join(dataDir, 'pglite'), { extensions: { vector } }), lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function pgliteHandle(client: PGlite, lock?: DataDirLock): DbHandle {
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: 'pglite',
    lock,
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close().finally(() => lock?.release()),
  };
}

/** `scripts/start.ts`, `scripts/import.ts data.csv`: enough for an operator to recognise the owner. */
function processCommand(): string {
  const [, script = 'node', ...args] = process.argv;
  return [relative(process.cwd(), script) || script, ...args].join(' ').slice(0, 200);
}

/**
 * The `pg_advisory_lock` key every process takes before migrating, so the api and workers started together
 * on a fresh server migrate one at a time (drizzle's migrator alone races: two `CREATE SCHEMA IF NOT EXISTS`
 * or two inserts into its table). A fixed signed 64-bit number whose bytes spell "convagnt" (0x636f6e7661676e74);
 * `pg_locks` shows it as classid 1668247158, objid 1634168436. A string, because it is beyond a JS number's
 * exact range.
 */
export const migrationLockKey = '7165066986889113204';

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  // onnotice silenced: "extension already exists" notices are expected on every start.
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    migrate: () => migratePostgresLocked(url),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * A session-level lock belongs to one connection, so the lock and the migration share a client of exactly
 * one connection; ending it in `finally` releases the lock even if the unlock itself fails.
 */
async function migratePostgresLocked(url: string): Promise<void> {
  const session = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await session`select pg_advisory_lock(${migrationLockKey}::bigint)`;
    try {
      await migratePostgres(drizzlePostgres(session, { schema }), { migrationsFolder });
    } finally {
      // Ending the session below releases the lock as well, so a failed unlock must not hide migrate's own error.
      await session`select pg_advisory_unlock(${migrationLockKey}::bigint)`.catch(() => undefined);
    }
  } finally {
    await session.end({ timeout: 5 });
  }
}

/** Raw SQL rows on either driver (postgres.js answers an array, PGlite an object with `rows`). */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

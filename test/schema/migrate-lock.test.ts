import { randomBytes } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationLockKey, migrationsFolder, openDb } from '../../schema/db.ts';
import { checkService } from '../support/services.ts';

const service = await checkService('TEST_DATABASE_URL');
const migrations = readMigrationFiles({ migrationsFolder });

/**
 * The compose file starts the api and two workers together on an empty server; each runs migrations on start.
 * Without the advisory lock two of three died in migrations (issue 13).
 */
describe.skipIf(!service.available)('PostgreSQL migrations under an advisory lock', () => {
  const serverUrl = service.url ?? '';
  let admin: postgres.Sql;
  let name: string;
  let url: string;

  beforeEach(async () => {
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    name = `ca_migrate_${randomBytes(6).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });

  afterEach(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('lets six processes migrate one fresh database at once; each migration is applied exactly once', async () => {
    const handles = await Promise.all(Array.from({ length: 6 }, () => openDb({ databaseUrl: url, dataDir: '' })));
    try {
      const outcomes = await Promise.allSettled(handles.map((handle) => handle.migrate()));
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }

    const db = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const applied = await db<{ hash: string; n: number }[]>`
        select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
      expect(applied.map((row) => row.n)).toEqual(migrations.map(() => 1));
      expect(new Set(applied.map((row) => row.hash))).toEqual(new Set(migrations.map((m) => m.hash)));
      // The last migration's objects exist, so the run completed rather than stopping early.
      const [need] = await db<{ n: number }[]>`
        select count(*)::int as n from information_schema.tables where table_name = 'needs'`;
      expect(need?.n).toBe(1);
      // Every session has ended, so the lock is free for the next start.
      const held = await db<{ n: number }[]>`
        select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (
          select oid from pg_database where datname = current_database())`;
      expect(held[0]?.n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('waits while another session holds the migration lock and runs once it is released', async () => {
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const handle = await openDb({ databaseUrl: url, dataDir: '' });
    try {
      await holder`select pg_advisory_lock(${migrationLockKey}::bigint)`;
      let finished = false;
      const run = handle.migrate().then(() => {
        finished = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      const [before] = await holder<{ n: number }[]>`
        select count(*)::int as n from information_schema.schemata where schema_name = 'drizzle'`;
      expect(before?.n).toBe(0);

      await holder`select pg_advisory_unlock(${migrationLockKey}::bigint)`;
      await run;
      const [after] = await holder<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(after?.n).toBe(migrations.length);
    } finally {
      await handle.close();
      await holder.end();
    }
  });
});

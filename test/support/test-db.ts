import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DbHandle, openDb } from '../../schema/db.ts';
import { seedTaxonomyIfEmpty } from '../../schema/seed/load-taxonomy.ts';

export type Backend = 'pglite' | 'postgres';

/**
 * A fresh, migrated, taxonomy-seeded database per suite: in-memory PGlite, or a new database on the real
 * server (created here, dropped by `drop`), so suites never see each other's rows.
 */
export async function openTestDb(backend: Backend, serverUrl?: string): Promise<DbHandle & { drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const handle = await openDb({ dataDir: 'memory://' });
    await handle.migrate();
    await seedTaxonomyIfEmpty(handle.db);
    return { ...handle, drop: () => handle.close() };
  }
  if (!serverUrl) throw new Error('postgres backend needs TEST_DATABASE_URL');
  const name = `ca_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ databaseUrl: url.toString(), dataDir: '', maxConnections: 20 });
  await handle.migrate();
  await seedTaxonomyIfEmpty(handle.db);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

import { DataDirBusyError } from '../schema/data-dir-lock.ts';
import { openDb } from '../schema/db.ts';
import { seedTaxonomyIfEmpty } from '../schema/seed/load-taxonomy.ts';
import { parseCli, runCli } from './cli-args.ts';
import { ConfigError, loadConfig } from './config.ts';
import { describeDatabase } from './database-target.ts';

/**
 * The one-shot step of a deployment (docker compose's `migrate` service): migrations and the default taxonomy,
 * then exit, so the api and workers start on a ready database. Every process still migrates on start (under
 * the advisory lock, a no-op by then), so running this is never required, only tidier.
 */
const cli = {
  usage: `usage: npm run migrate   (in the image: node dist/scripts/migrate.js)
  Applies the database migrations and loads the industry taxonomy into an empty database, then exits.
  No options: DATABASE_URL or DATA_DIR (and TAXONOMY_FILE) come from the environment or a .env file.`,
  options: {},
} as const;

async function main() {
  parseCli(cli);
  const config = loadConfig();
  process.stderr.write(`${describeDatabase(config)}\n`);
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, maxConnections: 1 }).catch(
    (error: unknown) => {
      throw error instanceof DataDirBusyError ? new ConfigError(error.message) : error;
    },
  );
  try {
    await handle.migrate();
    const seeded = await seedTaxonomyIfEmpty(handle.db, config.TAXONOMY_FILE);
    process.stdout.write(`migrations applied${seeded ? '; industry taxonomy loaded' : ''}\n`);
  } finally {
    await handle.close();
  }
}

runCli('migrate', main);

import { loadTaxonomy, readTaxonomy } from '../schema/seed/load-taxonomy.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

/** npm run taxonomy:load -- FILE — upserts another city's industry taxonomy (e.g. Taizhou 5+5+6). */
async function main() {
  const file = process.argv[2];
  if (!file) throw new ConfigError('usage: npm run taxonomy:load -- path/to/taxonomy.json');
  const taxonomy = readTaxonomy(file);
  const runtime = await createDeps({ ...loadConfig(), LOG_LEVEL: 'warn' });
  try {
    const n = await loadTaxonomy(runtime.deps.db, taxonomy);
    process.stdout.write(`loaded ${n} chains of taxonomy ${taxonomy.taxonomy}\n`);
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

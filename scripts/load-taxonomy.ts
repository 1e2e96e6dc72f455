import { loadTaxonomy, readTaxonomy } from '../schema/seed/load-taxonomy.ts';
import { CliError, parseCli, runCli } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

const cli = {
  usage: `usage: npm run taxonomy:load -- FILE
  Upserts another city's industry taxonomy (e.g. Taizhou 5+5+6) from a JSON file:
  { "taxonomy": "id", "name": "…", "chains": [{ "id": "snake_case", "name": "…", "tier": "…", "keywords": [] }] }`,
  options: {},
  positionals: { names: ['FILE'], required: 1 },
} as const;

/** npm run taxonomy:load -- FILE: the file is read and checked before the database is opened. */
async function main() {
  const [file = ''] = parseCli(cli).positionals;
  const taxonomy = readChecked(file);
  const runtime = await createDeps({ ...loadConfig(), LOG_LEVEL: 'warn' });
  try {
    const n = await loadTaxonomy(runtime.deps.db, taxonomy);
    process.stdout.write(`loaded ${n} chains of taxonomy ${taxonomy.taxonomy}\n`);
  } finally {
    await runtime.close();
  }
}

/** Bad JSON or a wrong field is the operator's to fix: one line naming the file, no stack. */
function readChecked(file: string) {
  try {
    return readTaxonomy(file);
  } catch (error) {
    if (error instanceof SyntaxError) throw new CliError(`${file}: not valid JSON (${error.message})`);
    if (error instanceof Error && error.message.startsWith('taxonomy file ')) throw new CliError(error.message);
    throw error;
  }
}

runCli('taxonomy:load', main);

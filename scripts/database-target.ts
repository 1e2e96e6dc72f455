import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder: the nearest one up from this file whose package.json is this project's. `npm run`
 * always runs from there, so a relative DATA_DIR has always meant a folder in it; resolving against it rather
 * than the cwd makes `npx tsx scripts/….ts` from any other folder mean the same database, not a new empty one.
 */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === 'conversion-agent') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

function readName(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/** Absolute, so every tool, log line and lock message names the same folder. `memory://…` stays as it is. */
export function resolveDataDir(value: string, root = projectRoot()): string {
  if (value.startsWith('memory://') || isAbsolute(value)) return value;
  return resolve(root, value);
}

/** The one line each tool prints about where it writes; a URL loses its password and query (which may hold one). */
export function describeDatabase(config: { DATABASE_URL?: string | undefined; DATA_DIR: string }): string {
  if (!config.DATABASE_URL) return `database: embedded ${config.DATA_DIR}`;
  try {
    const url = new URL(config.DATABASE_URL);
    const user = url.username ? `${url.username}@` : '';
    return `database: ${url.protocol}//${user}${url.host}${url.pathname}`;
  } catch {
    return 'database: postgres (DATABASE_URL unparsable)';
  }
}

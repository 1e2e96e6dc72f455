import { existsSync } from 'node:fs';

export type DotEnv = { file: string; names: string[] };

/**
 * Reads `.env` from the working folder when there is one, with Node's own parser: variables already in the
 * environment win, so `PORT=4000 npm start` beats the file. Returns the names it applied (never the values:
 * a .env holds API keys and database passwords) so start-up can say where its settings came from.
 */
export function loadDotEnv(file = '.env'): DotEnv | undefined {
  if (!existsSync(file)) return undefined;
  const before = new Set(Object.keys(process.env));
  process.loadEnvFile(file);
  return { file, names: Object.keys(process.env).filter((name) => !before.has(name)) };
}

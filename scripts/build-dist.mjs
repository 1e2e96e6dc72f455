// `npm run build`: compiles the service to dist/ and copies beside it the files the code reads at run time
// through import.meta.url (migrations, the taxonomy, the demo set …). Plain JavaScript on purpose: it runs
// before anything is compiled, with plain node, on any OS (no shell `cp`/`rm`).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
/** The folders tsconfig.build.json compiles; their non-TypeScript files are the run-time assets. */
const sourceFolders = ['api', 'workers', 'matching', 'schema', 'scripts'];
/** Compiled (.ts, .tsx), or not read at run time (docs, this script). */
const notAssets = new Set(['.ts', '.tsx', '.md', '.mjs']);

rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

let copied = 0;
for (const folder of sourceFolders) {
  for (const file of filesUnder(join(root, folder))) {
    if (notAssets.has(extname(file))) continue;
    cpSync(file, join(outDir, relative(root, file)));
    copied += 1;
  }
}
process.stdout.write(`build: dist/ compiled, ${copied} run-time files copied\n`);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

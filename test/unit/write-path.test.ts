import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Tables that hold no domain state the event log must describe: the log itself, plumbing (jobs, idempotency,
 * readiness), derived indexes rebuilt from the records, deliveries and inboxes that are consequences of logged
 * events, and caches. Every other table — including any table added later — is domain state, so a new one is
 * checked by default.
 */
const notDomain: Record<string, string> = {
  events: 'the log itself',
  eventChainHead: 'the log itself',
  outbox: 'jobs recorded by the write path',
  idempotencyKeys: 'request replay cache',
  matchDocuments: 'derived search index, rebuilt from the records',
  recordVectors: 'derived vector index',
  notifications: 'inbox rows, consequences of logged events',
  webhookDeliveries: 'delivery attempts of logged events',
  industryChains: 'taxonomy reference data loaded by an admin tool',
  assistTokenUsage: 'metering counter',
  assistExplanations: 'cache of generated text',
  impressions: 'observations of what a manager was shown, not state changes',
  statsCursor: 'statistics projection, rebuilt from the log',
  statsNeeds: 'statistics projection, rebuilt from the log',
  statsPairs: 'statistics projection, rebuilt from the log',
};

/** Files allowed to write domain tables outside the write path, each with the reason. */
const allowed: Record<string, string> = {
  'matching/admin/authenticate-key.ts': "stamps a key's last use; not a change anyone acts on",
  'matching/eval/store-engine.ts': "the evaluation's scratch database, never a deployment's",
};
const allowedFolders = ['scripts/bench/', 'scripts/bench-'];

function domainTables(): string[] {
  return sourceFiles('schema').flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/export const (\w+) = pgTable\(/g)].flatMap((m) =>
      m[1] && !(m[1] in notDomain) ? [m[1]] : [],
    );
  });
}

/** Files that insert into, update or delete from a domain table, with the drizzle builder or in SQL text. */
function writers(tables: readonly string[]): { file: string; throughWritePath: boolean }[] {
  const names = tables.join('|');
  const snake = tables.map((t) => t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join('|');
  const builder = new RegExp(`\\.(insert|update|delete)\\(\\s*(schema\\.)?(${names}|table)\\s*\\)`);
  const rawSql = new RegExp(`(insert\\s+into|update|delete\\s+from)\\s+"?(${snake})"?\\s`, 'i');
  return ['matching', 'api', 'workers', 'scripts'].flatMap((dir) =>
    sourceFiles(dir).flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      if (!builder.test(text) && !rawSql.test(text)) return [];
      // A file writes through the write path when it opens it or works inside a scope it was given.
      const throughWritePath =
        /\bWriteScope\b|import \{[^}]*\bwrite\b[^}]*\} from '[./]*(matching\/)?core\/write\.ts'/.test(text);
      return [{ file, throughWritePath }];
    }),
  );
}

describe('the one write path', () => {
  it('is the only way into a domain table', () => {
    const bypasses = writers(domainTables())
      .filter((w) => !w.throughWritePath)
      .map((w) => w.file)
      .filter((file) => !(file in allowed) && !allowedFolders.some((f) => file.startsWith(f)));
    expect(bypasses).toEqual([]);
  });

  it('sees the writers it checks, and the tables they write', () => {
    const tables = domainTables();
    expect(tables).toEqual(expect.arrayContaining(['needs', 'achievements', 'suggestions', 'organisations']));
    expect(tables).not.toContain('events');
    const files = writers(tables).map((w) => w.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'matching/needs/create-need.ts',
        'matching/queue/claim-suggestion.ts',
        'matching/pipeline/store-need-pairs.ts',
        'matching/import/insert-batch.ts',
      ]),
    );
  });

  it('keeps its allowances to files that exist', () => {
    const files = ['matching', 'scripts'].flatMap(sourceFiles);
    for (const file of Object.keys(allowed)) expect(files).toContain(file);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runScript } from './run-script.ts';

/** The evaluation sample shipped in the repo: `npm run eval` from a fresh clone, with no --data, runs on it. */
const sample = join(root, 'eval/csl-sample');
const lines = (file: string) => readFileSync(join(sample, file), 'utf8').split('\n').filter(Boolean);

describe('eval/csl-sample', () => {
  it('is a complete BEIR-style folder: every judged pair names a query and a document of the sample', () => {
    const docs = new Set(lines('corpus.jsonl').map((line) => (JSON.parse(line) as { id: string }).id));
    const queries = new Set(lines('dev/queries.jsonl').map((line) => (JSON.parse(line) as { id: string }).id));
    const [header, ...qrels] = lines('dev/qrels.tsv');
    expect(header).toBe('query-id\tcorpus-id\tscore');
    expect(docs.size).toBe(1000);
    expect(queries.size).toBe(100);
    for (const row of qrels) {
      const [query = '', doc = ''] = row.split('\t');
      expect(queries.has(query), query).toBe(true);
      expect(docs.has(doc), doc).toBe(true);
    }
    expect(new Set(qrels.map((row) => row.split('\t')[0])).size).toBe(100);
  });

  it('carries its source, attribution and the Apache-2.0 licence text', () => {
    expect(readFileSync(join(sample, 'README.md'), 'utf8')).toContain('https://github.com/ydli-ai/CSL');
    expect(readFileSync(join(sample, 'LICENSE-CSL'), 'utf8')).toContain('Apache License');
  });

  it('is what npm run eval reads when no --data is given', async () => {
    const result = await runScript('eval', ['--store', 'memory', '--json'], { cwd: '/' });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { n?: number; ndcg10?: number };
    expect(summary.n).toBe(100);
    // The lexical pipeline finds most titles' own abstracts among 1,000; far lower means it broke.
    expect(summary.ndcg10).toBeGreaterThan(0.9);
  }, 240_000);
});

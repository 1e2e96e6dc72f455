import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldMessages, problemTitles, reasonMessages } from '../../api/messages.ts';

const root = new URL('../../', import.meta.url).pathname;

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, dir, file))
    .filter((path) => !path.endsWith('api/messages.ts'))
    .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
}

const code = /'([a-z][a-z0-9_]*)'/g;
/** Every snake_case literal in the value expressions that follow `key:` (a ternary names two). */
function literalsAfter(text: string, key: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(`\\b${key}:\\s*([^,\\n}]+)`, 'g'))) {
    for (const literal of (match[1] ?? '').matchAll(code)) found.push(literal[1] ?? '');
  }
  return found;
}

const all = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => m[1] ?? '');

/** What the code base can put in a problem document, read from the source so a new code cannot slip past. */
function codesInUse() {
  const api = sources('api');
  const domain = [...sources('matching'), ...sources('workers')];
  const problems = new Set<string>();
  const reasons = new Set<string>();
  const fields = new Set<string>();
  const errors = readFileSync(join(root, 'matching/core/errors.ts'), 'utf8');
  for (const c of all(code, /export type ErrorCode =([^;]+);/.exec(errors)?.[1] ?? '')) problems.add(c);
  for (const { text } of api) {
    // Inside problem(c, { … }) only: elsewhere `reason` is a decline or routing reason, not an error's.
    for (const block of text.split('problem(c, {').slice(1)) {
      const init = block.split('})')[0] ?? '';
      for (const c of literalsAfter(init, 'code')) problems.add(c);
      for (const r of literalsAfter(init, 'reason')) reasons.add(r);
    }
    for (const r of all(/tooManyRequests\([^)]*'([a-z_]+)'\)/g, text)) reasons.add(r);
  }
  for (const { text } of [...api, ...domain]) {
    for (const r of all(/new (?:Forbidden|Conflict|PreconditionFailed)Error\(\s*'([a-z_]+)'/g, text)) reasons.add(r);
    for (const r of all(/new NotFoundError\(\s*'([a-z_]+)'/g, text)) reasons.add(`resource_${r}`);
    for (const block of text.split('new DomainError(').slice(1)) {
      for (const r of literalsAfter(block.split('});')[0] ?? '', 'reason')) reasons.add(r);
    }
    for (const f of literalsAfter(text, 'issue')) fields.add(f);
    // Import rows: lookup tables' issue argument, a line that is not JSON, the unsafe-text issue.
    for (const call of text.split('= lookup(').slice(1)) {
      const issue = /'([a-z_]+)',?\s*$/.exec(call.split('\n);')[0] ?? '')?.[1];
      if (issue) fields.add(issue);
    }
    for (const f of all(/\berror: '([a-z_]+)'/g, text)) fields.add(f);
    for (const f of all(/unsafeTextIssue = '([a-z_]+)'/g, text)) fields.add(f);
  }
  return { problems, reasons, fields };
}

type Text = { zh: string; en: string };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectWorded(catalog: Record<string, Text>, key: string) {
  const entry = catalog[key];
  expect(entry, `no message for ${key}`).toBeDefined();
  if (!entry) return;
  expect(entry.zh, `${key}: Chinese`).toMatch(/[\u4e00-\u9fff]/);
  expect(entry.en, `${key}: English`).toMatch(/[a-z]/i);
  expect(placeholders(entry.zh), `${key}: same placeholders`).toEqual(placeholders(entry.en));
}

describe('error codes', () => {
  const { problems, reasons, fields } = codesInUse();

  it('the scan finds the codes it is meant to find', () => {
    for (const c of ['invalid_transition', 'rate_limited', 'route_not_found', 'validation_failed']) {
      expect(problems).toContain(c);
    }
    for (const r of ['stage_final', 'stage_move_not_allowed', 'rate_limit_key', 'json_only', 'resource_need']) {
      expect(reasons).toContain(r);
    }
    for (const f of ['owner_only_filter', 'unknown_mode', 'unknown_value', 'invalid_json', 'unsafe_text']) {
      expect(fields).toContain(f);
    }
    expect(reasons).not.toContain('too_early_stage');
  });

  it('every problem code, reason and field issue has a message in Chinese and English', () => {
    for (const c of problems) expectWorded(problemTitles, c);
    for (const r of reasons) expectWorded(reasonMessages, r);
    for (const f of fields) expectWorded(fieldMessages, f);
  });

  it('every zod issue code is worded, not left to the generic fallback', () => {
    for (const issue of Object.values(z.ZodIssueCode)) expectWorded(fieldMessages, issue);
  });

  it('every catalog entry is worded in both languages', () => {
    for (const catalog of [problemTitles, reasonMessages, fieldMessages]) {
      for (const key of Object.keys(catalog)) expectWorded(catalog, key);
    }
  });
});

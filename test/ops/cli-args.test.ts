import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCli } from '../../scripts/cli-args.ts';
import { runScript } from './run-script.ts';

const spec = {
  usage: 'usage: tool FILE [--kind a|b] [--wait]',
  options: { kind: { type: 'string', default: 'a' }, wait: { type: 'boolean' }, out: { type: 'string' } },
  positionals: { names: ['FILE'], required: 1 },
  choices: { kind: ['a', 'b'] },
} as const;

describe('readCli', () => {
  it('reads options and positionals', () => {
    const outcome = readCli(spec, ['x.csv', '--kind', 'b', '--wait']);
    expect(outcome).toMatchObject({ kind: 'ok', positionals: ['x.csv'], values: { kind: 'b', wait: true } });
  });

  it('answers --help even next to a mistake', () => {
    expect(readCli(spec, ['--bogus', '--help'])).toEqual({ kind: 'help', text: spec.usage });
    expect(readCli(spec, ['-h'])).toEqual({ kind: 'help', text: spec.usage });
    // After `--` it is a file name, not a request for help.
    expect(readCli(spec, ['--', '--help'])).toMatchObject({ kind: 'ok', positionals: ['--help'] });
  });

  it('names the option or argument that is wrong', () => {
    expect(readCli(spec, ['x', '--bogus'])).toEqual({ kind: 'error', message: 'unknown option --bogus' });
    expect(readCli(spec, ['x', '--out'])).toEqual({ kind: 'error', message: '--out needs a value' });
    expect(readCli(spec, ['x', '--wait=yes'])).toEqual({ kind: 'error', message: '--wait takes no value' });
    expect(readCli(spec, [])).toEqual({ kind: 'error', message: 'missing FILE' });
    expect(readCli(spec, ['x', 'y'])).toEqual({ kind: 'error', message: 'unexpected argument y' });
    expect(readCli(spec, ['x', '--kind', 'c'])).toEqual({ kind: 'error', message: '--kind must be a or b, not c' });
    const required = { ...spec, required: ['out'] as const };
    expect(readCli(required, ['x'])).toEqual({ kind: 'error', message: 'missing --out' });
  });
});

/** The tools as an operator runs them: real processes, an embedded database folder that must not appear. */
describe('command-line tools', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-cli-'));
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };

  it('admin:create-key --help prints the usage and creates nothing', async () => {
    const help = await runScript('admin-create-key', ['--help'], { env, cwd: dir });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('usage: npm run admin:create-key');
    expect(help.stdout).not.toMatch(/cak_/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('an unknown option or a missing value exits 2 naming it, before touching the database', async () => {
    const typo = await runScript('admin-create-key', ['--nmae', 'ops'], { env, cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('unknown option --nmae');
    expect(typo.stderr).toContain('usage: npm run admin:create-key');
    const bare = await runScript('admin-create-key', ['--name'], { env, cwd: dir });
    expect(bare.code).toBe(2);
    expect(bare.stderr.split('\n')[0]).toBe('--name needs a value');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('taxonomy:load on a missing or broken file says so in one line, exit 1', async () => {
    const missing = await runScript('load-taxonomy', [join(dir, 'nope.json')], { env, cwd: dir });
    expect(missing).toMatchObject({ code: 1, stderr: `${join(dir, 'nope.json')}: no such file or folder\n` });
    writeFileSync(join(dir, 'bad.json'), '{"taxonomy": ');
    const broken = await runScript('load-taxonomy', [join(dir, 'bad.json')], { env, cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^\S+bad\.json: not valid JSON \([^\n]+\)\n$/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('import: an unknown option exits 2 naming it, a missing file exits 1 in one line', async () => {
    const typo = await runScript('import', ['x.csv', '--knd', 'need'], { env, cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('unknown option --knd');
    const missing = await runScript('import', [join(dir, 'nope.csv')], { env, cwd: dir });
    expect(missing).toMatchObject({ code: 1, stderr: `${join(dir, 'nope.csv')}: no such file\n` });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('eval on a wrong data folder names the missing file in one line, exit 1; a bad choice exits 2', async () => {
    const wrong = await runScript('eval', ['--data', dir], { cwd: dir });
    expect(wrong).toMatchObject({
      code: 1,
      stderr: `--data ${dir}: no corpus.jsonl there (expected corpus.jsonl, dev/queries.jsonl, dev/qrels.tsv)\n`,
    });
    const choice = await runScript('eval', ['--data', dir, '--store', 'disk'], { cwd: dir });
    expect(choice.code).toBe(2);
    expect(choice.stderr.split('\n')[0]).toBe('--store must be db or memory, not disk');
    const help = await runScript('calibrate-relevance', ['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-pairs');
  });

  it('admin:create-key with a name does create a key', async () => {
    const made = await runScript('admin-create-key', ['--name', 'ops'], { env, cwd: dir });
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/API key \(shown once\): cak_\S+/);
    expect(existsSync(dataDir)).toBe(true);
  }, 60_000);
});

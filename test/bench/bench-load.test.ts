import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkService } from '../support/services.ts';

const service = await checkService('TEST_DATABASE_URL');
const repoRoot = new URL('../../', import.meta.url).pathname;
const script = new URL('../../scripts/bench-load.ts', import.meta.url).pathname;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs the bench as CI would, a child process against the test PostgreSQL server, with no Redis. */
function runBench(args: string[], databaseUrl: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: databaseUrl };
  delete env.REDIS_URL;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const lastJsonLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '');

describe.skipIf(!service.available)(`npm run bench:load, reduced (${service.reason || 'PostgreSQL'})`, () => {
  const needs = 120;

  it('posts every need once, routes and works the pairs, drains, and loses or duplicates nothing', async () => {
    const run = await runBench(
      ['--needs', String(needs), '--rate', '75', '--achievements', '150', '--duration-limit', '80', '--json'],
      service.url ?? '',
    );
    expect(run.stderr).toContain('runner: inprocess (no REDIS_URL)');
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    const report = lastJsonLine(run.stdout);
    expect(report).toMatchObject({
      runner: 'inprocess',
      needs,
      lost: 0,
      duplicated: 0,
      server_5xx: 0,
      post_errors: 0,
      unsent: 0,
      drained: true,
      failures: [],
    });
    expect(report.rps).toBeGreaterThan(0);
    expect(report.p99_ms).toBeGreaterThan(0);
    expect(report.p99_ms).toBeGreaterThanOrEqual(report.p50_ms);
    expect(report.statuses.post_need).toEqual({ '201': needs });
    expect(report.pipeline).toMatchObject({ stored: needs, matched: needs, unrouted: 0, openWork: 0 });
    // The managers really worked the pairs, and every 200 they got is one event in the log.
    expect(report.manager.claims_won).toBeGreaterThan(0);
    expect(report.manager.decisions_applied).toBe(report.manager.claims_won);
    expect(report.checks.claimEvents).toBe(report.manager.claims_won);
    expect(report.checks.decisionEvents).toBe(report.manager.decisions_applied);
    expect(report.manager.double_submits_refused).toBe(report.manager.double_submits);
    expect(report.manager.p99_ms).toBeGreaterThan(0);
  }, 110_000);

  it('refuses bad flags with exit status 2 before touching the database', async () => {
    const run = await runBench(['--needs', '0'], service.url ?? '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--needs must be an integer ≥ 1');
  });
});

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What the container runs, run here with plain node (no tsx): `npm run build` compiles to dist/, then the
 * compiled server starts on an embedded database, answers its health checks and stops cleanly on SIGTERM
 * well inside compose's stop grace period. tsc on two busy cores takes minutes, hence the long timeouts.
 */
const root = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);
const env = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  DEMO_DATA: 'off',
  LOG_FORMAT: 'json',
  DATABASE_URL: '',
  REDIS_URL: '',
  ...extra,
});
/** Compose's stop_grace_period for the api (docker-compose.yml); the server must be gone well before it. */
const apiGraceMs = 20_000;

describe('npm run build → node dist/', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ca-dist-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  beforeAll(async () => {
    await run('npm', ['run', 'build'], { cwd: root, env: { ...process.env }, maxBuffer: 16 * 1024 * 1024 });
  }, 600_000);

  it('compiles every entry point and copies the files read at run time', () => {
    for (const file of ['scripts/start.js', 'scripts/worker.js', 'scripts/migrate.js', 'scripts/import.js']) {
      expect(existsSync(join(root, 'dist', file)), file).toBe(true);
    }
    expect(existsSync(join(root, 'dist/schema/migrations/meta/_journal.json'))).toBe(true);
    expect(existsSync(join(root, 'dist/schema/seed/chains-huzhou-1366.json'))).toBe(true);
    expect(existsSync(join(root, 'dist/schema/seed/demo/needs.json'))).toBe(true);
    expect(existsSync(join(root, 'dist/test'))).toBe(false);
  });

  it.each(['worker', 'migrate', 'admin-create-key', 'import', 'load-taxonomy', 'requeue', 'audit-verify'])(
    'dist/scripts/%s.js loads under plain node (every import rewritten to .js)',
    async (name) => {
      const { stdout } = await run(process.execPath, [join(root, 'dist/scripts', `${name}.js`), '--help'], {
        cwd: root,
        env: env({}),
      });
      expect(stdout).toMatch(/^usage: /);
    },
    60_000,
  );

  it('migrates an embedded folder with dist/scripts/migrate.js', async () => {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'dist/scripts/migrate.js')], {
      cwd: root,
      env: env({ DATA_DIR: dataDir }),
    });
    expect(stderr).toContain(`database: embedded ${dataDir}`);
    expect(stdout).toMatch(/^migrations applied; industry taxonomy loaded$/m);
  }, 180_000);

  it('serves /healthz and /readyz from dist/scripts/start.js and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(root, 'dist/scripts/start.js')], {
      cwd: root,
      env: env({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const found = /^ready: http:\/\/127\.0\.0\.1:(\d+) /m.exec(output)?.[1];
        if (found) resolve(Number(found));
      });
      child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: true });

    const stoppedAt = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(apiGraceMs / 2);
    expect(output).toContain('"msg":"shutting down"');
  }, 180_000);
});

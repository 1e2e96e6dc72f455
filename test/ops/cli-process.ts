import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Spawning the real entry points, as an operator runs them: `npx tsx scripts/….ts` on a chosen DATA_DIR. */
export const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

export type CliResult = { code: number; stdout: string; stderr: string };

export function runCli(script: string, args: string[], env: Record<string, string>, cwd = root): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      [join(root, 'scripts', script), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEMO_DATA: 'off', ...env } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export type Server = { child: ChildProcess; pid: number; port: number; output: () => string };

/** `scripts/start.ts` on dataDir; resolves once the lock file names its port and /healthz answers. */
export function startServer(dataDir: string): Promise<Server> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(tsx, ['scripts/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), DEMO_DATA: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), 90_000);
    const poll = setInterval(async () => {
      const lock = readLock(dataDir);
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up || lock?.port !== port) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, pid: lock.pid, port, output: () => text });
    }, 250);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${text}`));
    });
  });
}

export const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

export function readLock(dataDir: string): { pid: number; port?: number; command: string } | undefined {
  const path = join(dataDir, 'owner.lock');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

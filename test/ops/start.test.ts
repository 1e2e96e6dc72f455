import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, runScript, tsx } from './run-script.ts';

/** `npm start` as a newcomer meets it: a real process, its own folder, its own .env. */
function start(cwd: string, env: Record<string, string>) {
  const child = spawn(tsx, [join(root, 'scripts/start.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const output = () => ({ stdout, stderr });
  /** The port from the ready line, probed the moment the line is seen. */
  const ready = new Promise<{ port: number; answered: boolean }>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const port = /^ready: http:\/\/127\.0\.0\.1:(\d+) \(docs at \/docs\)$/m.exec(stdout)?.[1];
      if (port) resolve(connects(Number(port)).then((answered) => ({ port: Number(port), answered })));
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return { child, output, ready };
}

/** A plain TCP connect: the first thing a refused curl would show. */
function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-start-'));
  const children: ChildProcess[] = [];
  let blocker: Server | undefined;
  afterAll(async () => {
    await Promise.all(children.map(stop));
    blocker?.close();
  });

  it('on a taken port prints one line and exits 1, before opening the database', async () => {
    const taken = createServer();
    blocker = taken;
    const port = await new Promise<number>((resolve) => {
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port));
    });
    const dataDir = join(dir, 'taken-data');
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' };
    const result = await runScript('start', [], { env, cwd: dir });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `port ${port} is in use; set PORT=… or stop the other process\n`,
    });
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it('prints the ready line once the port answers, reads .env under the environment, logs health checks at debug', async () => {
    const fromFile = join(dir, 'data-from-env-file');
    const secret = 'sk-test-never-logged-4711';
    writeFileSync(
      join(dir, '.env'),
      `DATA_DIR=${fromFile}\nLOG_LEVEL=debug\nEMBEDDINGS_API_KEY=${secret}\nDEMO_DATA=off\n`,
    );
    // The environment says info: if the file's debug won, the health checks below would be logged.
    const server = start(dir, { LOG_LEVEL: 'info', LOG_FORMAT: 'json', PORT: '0', HOST: '127.0.0.1' });
    children.push(server.child);
    const { port, answered } = await server.ready;
    expect(answered).toBe(true);
    expect(existsSync(fromFile)).toBe(true);

    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/v1/needs`)).status).toBe(401);
    await stop(server.child);

    const { stdout, stderr } = server.output();
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.path)).toEqual(['/v1/needs']);
    expect(requests[0]?.level).toBe(30);
    const fromEnv = lines.find((line) => line.msg === 'settings from .env');
    // LOG_LEVEL is in the file too, but the environment's value stands.
    expect([...((fromEnv?.names as string[]) ?? [])].sort()).toEqual(['DATA_DIR', 'DEMO_DATA', 'EMBEDDINGS_API_KEY']);
    expect(`${stdout}${stderr}`).not.toContain(secret);
  }, 120_000);
});

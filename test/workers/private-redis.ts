import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const hasRedisServer = () => spawnSync('redis-server', ['--version']).status === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A redis-server of our own on a free port, so a fault test can stop and restart it without touching the
 * shared one other suites use. `appendonly` decides whether jobs survive a restart; the tests try both.
 */
export async function startPrivateRedis(appendonly: boolean) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ca-redis-'));
  let child: ChildProcess | undefined;
  let aof = appendonly;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir];
    args.push('--appendonly', aof ? 'yes' : 'no', '--maxmemory-policy', 'noeviction');
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitReady(port);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM'); // our own process, by its pid
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    /** SIGTERM, then start again on the same port and directory (AOF, if on, is reloaded). */
    async restart(options: { appendonly?: boolean; downMs?: number } = {}) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, options.downMs ?? 500));
      aof = options.appendonly ?? aof;
      await launch();
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitReady(port: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const redis = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    try {
      await redis.connect();
      if ((await redis.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`private redis on ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      redis.disconnect();
    }
  }
}

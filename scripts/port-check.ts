import { createServer } from 'node:net';
import { CliError } from './cli-args.ts';

/** The one line a person needs when the port cannot be had; undefined for errors that are not about the port. */
export function portProblem(error: unknown, port: number, host: string): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return `port ${port} is in use; set PORT=… or stop the other process`;
  if (code === 'EACCES') return `port ${port} needs administrator rights here; set PORT=… to a port above 1023`;
  if (code === 'EADDRNOTAVAIL') return `HOST=${host} is not an address of this machine; set HOST=127.0.0.1 or 0.0.0.0`;
  return undefined;
}

/**
 * Binds and releases the port before the slow part of start-up (migrations, demo data), so a taken port is
 * reported in a second rather than after it, and before this process takes the embedded database folder.
 * The real bind can still lose a race; start.ts reports that the same way.
 */
export async function requirePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => {
      const line = portProblem(error, port, host);
      reject(line ? new CliError(line) : error);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A local address for the ready line and the self-check: a wildcard bind answers on loopback. */
export function localUrl(host: string, port: number): string {
  const wildcard = host === '' || host === '0.0.0.0' || host === '::';
  const shown = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Resolves once GET /healthz answers, so the ready line is never printed before a first curl can work. */
export async function waitUntilAnswering(base: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createMetrics } from '../../workers/metrics.ts';

export type Call = (
  method: string,
  path: string,
  options?: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
) => Promise<{ status: number; headers: Headers; body: any }>;

/** Serves the real app on an ephemeral loopback port: tests go through real HTTP, as a client would. */
export async function startServer(
  deps: Deps,
  bodyLimitBytes = 64 * 1024,
): Promise<{ call: Call; close(): Promise<void>; url: string }> {
  const app = createApp(deps, { bodyLimitBytes, metrics: createMetrics() });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: Call = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await send(`${url}${path}`, method, headers, body);
    const type = response.headers.get('content-type') ?? '';
    return { ...response, body: type.includes('json') ? JSON.parse(response.text) : response.text };
  };
  return { call, url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * One connection per request (agent: false): a server that answers 413 before reading a large body closes
 * the socket, and a pooled client would otherwise reuse it for the next test's request.
 */
function send(url: string, method: string, headers: Record<string, string>, body: string | undefined) {
  return new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') responseHeaders.set(name, value);
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: responseHeaders,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    // The server may answer and close before the whole body is written (413); the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import type { Deps } from '../../matching/core/deps.ts';

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
  const app = createApp(deps, { bodyLimitBytes });
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
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') ? JSON.parse(text) : text,
    };
  };
  return { call, url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

import { Agent, request } from 'node:http';
import type { Caller, FuzzRequest, Segment } from './request-arbitrary.ts';

/** The real records and keys a run made; symbolic requests are resolved against it at send time. */
export type World = { keys: Record<string, string>; ids: Record<string, string> };

export type WireRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
};
export type Answer = { status: number; contentType: string; text: string };

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) three UTF-8-style bytes instead of throwing. */
export function encodeSegment(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0xd800 || code > 0xdfff) {
      out += encodeURIComponent(char);
      continue;
    }
    const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }
  return out;
}

function segmentText(segment: Segment | undefined, world: World): string {
  if (!segment) return '';
  if ('real' in segment) {
    const id = world.ids[segment.real] ?? segment.real;
    return segment.upper ? id.toUpperCase() : id;
  }
  return segment.verbatim ? segment.text : encodeSegment(segment.text);
}

function authorization(caller: Caller, world: World): string | undefined {
  if (caller === 'none') return undefined;
  if (caller === 'bad_key') return 'Bearer cak_0000000000000000000000000000000000000000';
  if (caller === 'malformed_header') return 'Basic Zm9vOmJhcg==';
  return `Bearer ${world.keys[caller] ?? ''}`;
}

export function toWire(req: FuzzRequest, world: World): WireRequest {
  const path = req.template.replace(/\{(\w+)\}/g, (_, name: string) => segmentText(req.params[name], world));
  const query = req.query.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&');
  const headers: Record<string, string> = { ...req.headers };
  const auth = authorization(req.caller, world);
  if (auth) headers.authorization = auth;
  if (req.body !== undefined) {
    // Node frames a GET's body only when told its length (it never chunks a GET), as curl does.
    headers['content-length'] = String(Buffer.byteLength(req.body));
    if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  }
  return { method: req.method, path: query ? `${path}?${query}` : path, headers, body: req.body };
}

/** One line a person can read and replay: long bodies and paths are cut, sizes kept. */
export function describeWire(wire: WireRequest): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  const body =
    wire.body === undefined
      ? 'no body'
      : `body ${Buffer.byteLength(wire.body)} bytes: ${cut(JSON.stringify(wire.body.toString()), 300)}`;
  const { authorization: auth, ...rest } = wire.headers;
  const caller = auth ? `${auth.slice(0, 16)}…` : 'no key';
  return `${wire.method} ${cut(wire.path, 300)} [${caller}] headers ${JSON.stringify(rest)} ${body}`;
}

/**
 * A few keep-alive connections, so 10,000 requests do not pay 10,000 handshakes. A server that answers 413
 * before reading a large body closes the socket, so those requests (and a retry after a reset of a reused
 * socket) go on a connection of their own, as test/support/http.ts does for every request.
 */
export function createFuzzClient(baseUrl: string, options: { sockets: number; ownConnectionAbove: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.sockets });
  let retries = 0;

  const sendOnce = (wire: WireRequest, useAgent: Agent | false) =>
    new Promise<Answer>((resolve, reject) => {
      let lastError: Error | undefined;
      let answered = false;
      const req = request(
        `${baseUrl}${wire.path}`,
        { method: wire.method, headers: wire.headers, agent: useAgent },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      // The server may answer and close before the whole body is written (413); the answer is what counts.
      req.on('error', (error) => {
        lastError = error;
      });
      req.on('close', () => {
        if (!answered) reject(lastError ?? new Error('connection closed without an answer'));
      });
      req.end(wire.body);
    });

  return {
    async send(wire: WireRequest): Promise<Answer> {
      const size = wire.body === undefined ? 0 : Buffer.byteLength(wire.body);
      if (size > options.ownConnectionAbove) return sendOnce(wire, false);
      try {
        return await sendOnce(wire, agent);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ECONNRESET' && code !== 'EPIPE') throw error;
        retries++;
        return sendOnce(wire, false);
      }
    },
    retries: () => retries,
    close: () => agent.destroy(),
  };
}

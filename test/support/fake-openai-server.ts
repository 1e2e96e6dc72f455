import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the next call should do instead of answering normally. */
export type ScriptedReply =
  | { status: 429; retryAfter?: string }
  | { status: 400 | 401 | 500 | 503 }
  | { delayMs: number };

export type RecordedRequest = { authorization: string | undefined; body: Record<string, unknown> };

export type FakeOpenAiServer = {
  baseURL: string;
  apiKey: string;
  /** Every request that reached /v1/embeddings, valid or not, in arrival order. */
  requests: RecordedRequest[];
  /** Requests that broke the API contract; a correct client produces none. */
  violations: string[];
  /** Queues replies for the next calls, one per call; afterwards calls are answered normally again. */
  script(...replies: ScriptedReply[]): void;
  /** Answer with data in reverse order (still correctly indexed), as the contract allows. */
  reverseOrder: boolean;
  close(): Promise<void>;
};

export const FAKE_NATIVE_DIMENSIONS = 48;

/**
 * Deterministic stand-in for a model: hashed character unigrams and bigrams with signs, so texts sharing
 * words point the same way. Deliberately not unit length, so the client's normalisation is exercised.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const chars = Array.from(text);
  const grams = [...chars, ...chars.slice(1).map((c, i) => `${chars[i]}${c}`)];
  for (const gram of grams) {
    let h = 2166136261;
    for (let i = 0; i < gram.length; i++) h = Math.imul(h ^ gram.charCodeAt(i), 16777619) >>> 0;
    v[h % dimensions] = (v[h % dimensions] ?? 0) + (h & 0x80000000 ? -3 : 3);
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

function toBase64(values: number[]): string {
  const buf = Buffer.alloc(values.length * 4);
  for (const [i, x] of values.entries()) buf.writeFloatLE(x, i * 4);
  return buf.toString('base64');
}

const KNOWN_FIELDS = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

/** Checks a body against `POST /v1/embeddings` as OpenAI documents it; returns the first problem found. */
export function embeddingsContractProblem(body: unknown): { message: string; param: string | null } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { message: 'body must be a JSON object', param: null };
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !KNOWN_FIELDS.has(k));
  if (unknown) return { message: `Unrecognized request argument supplied: ${unknown}`, param: unknown };
  if (typeof b.model !== 'string' || b.model === '')
    return { message: 'model must be a non-empty string', param: 'model' };
  const input = b.input;
  const inputs = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 2048) {
    return { message: "'$.input' must be a string or an array of 1..2048 strings", param: 'input' };
  }
  if (!inputs.every((x) => typeof x === 'string' && x !== '')) {
    return { message: "'$.input' is invalid: every item must be a non-empty string", param: 'input' };
  }
  if (b.encoding_format !== undefined && b.encoding_format !== 'float' && b.encoding_format !== 'base64') {
    return { message: 'encoding_format must be "float" or "base64"', param: 'encoding_format' };
  }
  const dims = b.dimensions;
  if (dims !== undefined && !(typeof dims === 'number' && Number.isInteger(dims) && dims > 0)) {
    return { message: 'dimensions must be a positive integer', param: 'dimensions' };
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, type: string, code: string | null) {
  sendJson(res, status, { error: { message, type, param: null, code } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOpenAiServer(apiKey = 'sk-test-SECRETKEY-1234'): Promise<FakeOpenAiServer> {
  const queue: ScriptedReply[] = [];
  const state = { requests: [] as RecordedRequest[], violations: [] as string[], reverseOrder: false };

  const answer = (res: ServerResponse, b: Record<string, unknown>) => {
    const inputs = typeof b.input === 'string' ? [b.input] : (b.input as string[]);
    const dims = typeof b.dimensions === 'number' ? b.dimensions : FAKE_NATIVE_DIMENSIONS;
    const data = inputs.map((text, index) => {
      const values = fakeEmbedding(text, dims);
      return { object: 'embedding', index, embedding: b.encoding_format === 'base64' ? toBase64(values) : values };
    });
    if (state.reverseOrder) data.reverse();
    const tokens = inputs.reduce((sum, t) => sum + Array.from(t).length, 0);
    sendJson(res, 200, {
      object: 'list',
      data,
      model: b.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      state.violations.push(`${req.method} ${req.url}`);
      return sendError(res, 404, `Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null);
    }
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const authorization = req.headers.authorization;
    state.requests.push({ authorization, body: (body ?? {}) as Record<string, unknown> });
    if (!authorization?.startsWith('Bearer ') || authorization.length <= 'Bearer '.length) {
      state.violations.push('missing bearer token');
      return sendError(res, 401, 'You did not provide an API key.', 'invalid_request_error', null);
    }
    const problem = embeddingsContractProblem(body);
    if (problem || !req.headers['content-type']?.includes('application/json')) {
      state.violations.push(problem?.message ?? 'content-type is not application/json');
      return sendJson(res, 400, {
        error: { message: problem?.message, type: 'invalid_request_error', param: problem?.param ?? null, code: null },
      });
    }
    const scripted = queue.shift();
    const b = body as Record<string, unknown>;
    if (scripted && 'delayMs' in scripted) {
      await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      return answer(res, b);
    }
    if (scripted?.status === 429) {
      const headers: Record<string, string> = scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {};
      return sendJson(
        res,
        429,
        {
          error: {
            message: 'Rate limit reached for requests',
            type: 'requests',
            param: null,
            code: 'rate_limit_exceeded',
          },
        },
        headers,
      );
    }
    // A realistic 401 quotes part of the key and a realistic 400 can quote the input: the client must not echo them.
    if (scripted?.status === 401) {
      return sendError(
        res,
        401,
        `Incorrect API key provided: ${authorization.slice(7, 12)}****${authorization.slice(-4)}.`,
        'invalid_request_error',
        'invalid_api_key',
      );
    }
    if (scripted?.status === 400) {
      const first = Array.isArray(b.input) ? String(b.input[0]) : String(b.input);
      return sendError(
        res,
        400,
        `This model's maximum context length is exceeded for input: ${first}`,
        'invalid_request_error',
        'context_length_exceeded',
      );
    }
    if (scripted)
      return sendError(
        res,
        scripted.status,
        'The server had an error while processing your request.',
        'server_error',
        null,
      );
    if (authorization !== `Bearer ${apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    }
    answer(res, b);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, String(error), 'server_error', null));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    get requests() {
      return state.requests;
    },
    get violations() {
      return state.violations;
    },
    get reverseOrder() {
      return state.reverseOrder;
    },
    set reverseOrder(value: boolean) {
      state.reverseOrder = value;
    },
    script: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

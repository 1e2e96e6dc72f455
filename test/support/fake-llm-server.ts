import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible `POST /v1/chat/completions` on loopback: answers with what the test's `respond`
 * returns, or as scripted — slowly, 429, 5xx, broken or truncated JSON — and records every request that broke
 * the chat-completions contract (a correct client produces none).
 */
export type ScriptedChatReply =
  | { status: 429; retryAfter?: string }
  | { status: 400 | 401 | 500 | 503 }
  | { delayMs: number }
  /** 200 with this exact message content (broken JSON, injected text, extra fields…). */
  | { content: string }
  /** 200, finish_reason "length", the normal answer cut in half. */
  | { truncated: true };

export type ChatRequestBody = {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean } };
  max_tokens?: number;
  temperature?: number;
};

export type FakeLlmServer = {
  baseURL: string;
  apiKey: string;
  requests: { authorization: string | undefined; retryCount: string | undefined; body: ChatRequestBody }[];
  violations: string[];
  /** The normal answer's content for a request; the default answers `{}`. */
  respond: (body: ChatRequestBody) => string;
  script(...replies: ScriptedChatReply[]): void;
  reset(): void;
  close(): Promise<void>;
};

const KNOWN_FIELDS = new Set([
  'model',
  'messages',
  'response_format',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'seed',
  'user',
  'n',
  'stream',
]);
const ROLES = new Set(['system', 'developer', 'user', 'assistant']);

/** Where a JSON Schema breaks OpenAI's strict mode: an object without additionalProperties: false or with unrequired keys. */
export function strictSchemaProblem(schema: unknown, path = '$'): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const s = schema as Record<string, unknown>;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('object')) {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    if (s.additionalProperties !== false) return `${path}: additionalProperties must be false`;
    const required = new Set(Array.isArray(s.required) ? s.required : []);
    const missing = Object.keys(properties).find((k) => !required.has(k));
    if (missing) return `${path}.${missing}: every property must be required in strict mode`;
    for (const [key, child] of Object.entries(properties)) {
      const problem = strictSchemaProblem(child, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  if (s.items) return strictSchemaProblem(s.items, `${path}[]`);
  for (const variant of (s.anyOf as unknown[] | undefined) ?? []) {
    const problem = strictSchemaProblem(variant, path);
    if (problem) return problem;
  }
  return undefined;
}

/** Checks a body against `POST /v1/chat/completions` as OpenAI documents it; the first problem found. */
export function chatContractProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !KNOWN_FIELDS.has(k));
  if (unknown) return `Unrecognized request argument supplied: ${unknown}`;
  if (typeof b.model !== 'string' || b.model === '') return 'model must be a non-empty string';
  if (!Array.isArray(b.messages) || b.messages.length === 0) return 'messages must be a non-empty array';
  for (const m of b.messages as Record<string, unknown>[]) {
    if (!ROLES.has(String(m?.role))) return `messages: invalid role ${String(m?.role)}`;
    if (typeof m.content !== 'string') return 'messages: content must be a string';
  }
  if (b.max_tokens !== undefined && !(Number.isInteger(b.max_tokens) && (b.max_tokens as number) > 0)) {
    return 'max_tokens must be a positive integer';
  }
  if (b.temperature !== undefined && !(typeof b.temperature === 'number' && b.temperature >= 0 && b.temperature <= 2)) {
    return 'temperature must be between 0 and 2';
  }
  const format = b.response_format as Record<string, unknown> | undefined;
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    const mentionsJson = (b.messages as { content: string }[]).some((m) => /json/i.test(m.content));
    return mentionsJson ? undefined : "'messages' must contain the word 'json' to use response_format json_object";
  }
  if (format.type !== 'json_schema') return `response_format.type ${String(format.type)} is not supported`;
  const spec = format.json_schema as Record<string, unknown> | undefined;
  if (!spec || typeof spec.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
    return 'response_format.json_schema.name must match ^[a-zA-Z0-9_-]{1,64}$';
  }
  if (typeof spec.schema !== 'object' || spec.schema === null) return 'response_format.json_schema.schema is required';
  return spec.strict === true ? strictSchemaProblem(spec.schema) : undefined;
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const sendError = (res: ServerResponse, status: number, message: string, code: string | null) =>
  send(res, status, {
    error: { message, type: status === 429 ? 'requests' : 'invalid_request_error', param: null, code },
  });

const completion = (body: ChatRequestBody, content: string, finishReason: 'stop' | 'length') => {
  const prompt = body.messages.reduce((n, m) => n + Array.from(m.content).length, 0);
  const completionTokens = Array.from(content).length;
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finishReason }],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
  };
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeLlmServer(apiKey = 'sk-llm-SECRETKEY-5678'): Promise<FakeLlmServer> {
  const queue: ScriptedChatReply[] = [];
  const state: Pick<FakeLlmServer, 'requests' | 'violations' | 'respond'> = {
    requests: [],
    violations: [],
    respond: () => '{}',
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      state.violations.push(`${req.method} ${req.url}`);
      return sendError(res, 404, `Invalid URL (${req.method} ${req.url})`, null);
    }
    let body: ChatRequestBody;
    try {
      body = JSON.parse(await readBody(req)) as ChatRequestBody;
    } catch {
      state.violations.push('body is not JSON');
      return sendError(res, 400, 'We could not parse the JSON body of your request.', null);
    }
    const authorization = req.headers.authorization;
    const retryCount = req.headers['x-stainless-retry-count'];
    state.requests.push({ authorization, retryCount: typeof retryCount === 'string' ? retryCount : undefined, body });
    const problem = chatContractProblem(body);
    if (problem || !req.headers['content-type']?.includes('application/json')) {
      state.violations.push(problem ?? 'content-type is not application/json');
      return sendError(res, 400, problem ?? 'content-type', null);
    }
    if (authorization !== `Bearer ${apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    }
    const scripted = queue.shift();
    if (scripted && 'delayMs' in scripted) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (scripted && 'status' in scripted) {
      if (scripted.status === 429) {
        const headers: Record<string, string> = scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {};
        return send(
          res,
          429,
          { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
          headers,
        );
      }
      return sendError(res, scripted.status, 'The server had an error while processing your request.', null);
    }
    if (scripted && 'content' in scripted) return send(res, 200, completion(body, scripted.content, 'stop'));
    const content = state.respond(body);
    if (scripted && 'truncated' in scripted) {
      return send(res, 200, completion(body, content.slice(0, Math.floor(content.length / 2)), 'length'));
    }
    send(res, 200, completion(body, content, 'stop'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, String(error), null));
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
    get respond() {
      return state.respond;
    },
    set respond(fn) {
      state.respond = fn;
    },
    script: (...replies) => queue.push(...replies),
    reset: () => {
      queue.length = 0;
      state.requests.length = 0;
      state.violations.length = 0;
      state.respond = () => '{}';
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingProviderError } from '../../matching/embedders/embedding-errors.ts';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from '../../matching/embedders/openai-embedder.ts';
import { FAKE_NATIVE_DIMENSIONS, type FakeOpenAiServer, startFakeOpenAiServer } from '../support/fake-openai-server.ts';
import { embedderContract } from './embedder-contract.ts';

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
afterEach(() => {
  // A correct client never breaks the wire contract, whatever the test was about.
  expect(server.violations).toEqual([]);
  server.requests.length = 0;
  server.reverseOrder = false;
});

const make = (overrides: Partial<OpenAiEmbedderOptions> = {}) =>
  createOpenAiEmbedder({
    baseURL: server.baseURL,
    apiKey: server.apiKey,
    model: 'text-embedding-3-small',
    timeoutMs: 2_000,
    ...overrides,
  });

const norm = (v: Float32Array | undefined) => Math.sqrt(Array.from(v ?? []).reduce((s, x) => s + x * x, 0));

async function failure(promise: Promise<unknown>): Promise<EmbeddingProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbeddingProviderError);
  return error as EmbeddingProviderError;
}

embedderContract('openai-compatible (fake server, learnt dimensions)', async () => {
  const embedder = make();
  await embedder.probe();
  return embedder;
});

describe('OpenAI-compatible embedder', () => {
  it('splits N inputs into ceil(N / batch) requests and keeps their order', async () => {
    const texts = Array.from({ length: 23 }, (_, i) => `技术成果 ${i}`);
    const vectors = await make({ maxBatchSize: 5 }).embed(texts);
    expect(server.requests.map((r) => (r.body.input as string[]).length)).toEqual([5, 5, 5, 5, 3]);
    expect(server.requests.flatMap((r) => r.body.input)).toEqual(texts);
    const oneByOne = await make().embed([texts[17] ?? '']);
    expect(Array.from(vectors[17] ?? [])).toEqual(Array.from(oneByOne[0] ?? []));
  });

  it('restores request order when the provider answers out of order', async () => {
    const inOrder = await make().embed(['碳化硅', '绿茶', '铝合金']);
    server.reverseOrder = true;
    const reversed = await make().embed(['碳化硅', '绿茶', '铝合金']);
    expect(reversed.map((v) => Array.from(v))).toEqual(inOrder.map((v) => Array.from(v)));
  });

  it('bounds the estimated tokens of a request and truncates over-long inputs', async () => {
    const long = '碳'.repeat(5_000);
    await make({ maxInputTokens: 1_000, maxRequestTokens: 2_500 }).embed([long, long, long]);
    const sent = server.requests.map((r) => r.body.input as string[]);
    expect(sent.map((inputs) => inputs.length)).toEqual([2, 1]);
    expect(sent.flat().every((text) => Array.from(text).length === 500)).toBe(true);
  });

  it('sends unit vectors, the bearer key, float encoding, and no dimensions unless configured', async () => {
    const e = make();
    const [v] = await e.embed(['高强度碳化硅陶瓷']);
    expect(norm(v)).toBeCloseTo(1, 5);
    expect(e.dimensions).toBe(FAKE_NATIVE_DIMENSIONS);
    const req = server.requests[0];
    expect(req?.authorization).toBe(`Bearer ${server.apiKey}`);
    expect(req?.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['高强度碳化硅陶瓷'],
      encoding_format: 'float',
    });
  });

  it('sends dimensions when configured and validates the returned length against them', async () => {
    const e = make({ dimensions: 16 });
    expect(e.dimensions).toBe(16);
    const [v] = await e.embed(['陶瓷']);
    expect(v).toHaveLength(16);
    expect(server.requests[0]?.body.dimensions).toBe(16);
  });

  it('decodes base64 (little-endian float32) to the same vectors as float', async () => {
    const asFloat = await make().embed(['陶瓷基板', '绿茶']);
    const asBase64 = await make({ encodingFormat: 'base64' }).embed(['陶瓷基板', '绿茶']);
    expect(server.requests[1]?.body.encoding_format).toBe('base64');
    expect(asBase64.map((v) => Array.from(v))).toEqual(asFloat.map((v) => Array.from(v)));
  });

  it('refuses to report dimensions before they are known, and learns them from the first response', async () => {
    const e = make();
    expect(() => e.dimensions).toThrow(/unknown/);
    expect(await e.probe()).toBe(FAKE_NATIVE_DIMENSIONS);
  });

  it('names a version that differs by model, dimensions and host', () => {
    const base = make();
    expect(base.id).toBe('openai:text-embedding-3-small');
    const versions = new Set([
      base.version,
      make({ model: 'text-embedding-v3' }).version,
      make({ dimensions: 256 }).version,
      make({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' }).version,
    ]);
    expect(versions.size).toBe(4);
  });

  it('sends blank texts as a single space so the provider accepts them', async () => {
    const vectors = await make().embed(['', '  ']);
    expect(vectors).toHaveLength(2);
    expect(server.requests[0]?.body.input).toEqual([' ', ' ']);
  });
});

describe('OpenAI-compatible embedder: failures', () => {
  it('retries 429 (honouring retry-after), 500 and 503 through the openai client, then succeeds', async () => {
    server.script({ status: 429, retryAfter: '0.3' }, { status: 500 }, { status: 503 });
    const warnings: Record<string, unknown>[] = [];
    const started = Date.now();
    const vectors = await make({ maxRetries: 3, logger: { warn: (d) => warnings.push(d) } }).embed(['陶瓷']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(4);
    expect(warnings.map((w) => w.attempt)).toEqual([1, 2, 3]);
    expect(JSON.stringify(warnings)).not.toContain(server.apiKey);
  });

  it('waits no longer than maxRetryAfterMs however long the server asks', async () => {
    server.script({ status: 429, retryAfter: '3600' });
    const started = Date.now();
    const vectors = await make({ maxRetries: 1, maxRetryAfterMs: 100 }).embed(['陶瓷']);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries a request that times out', async () => {
    server.script({ delayMs: 600 });
    const vectors = await make({ timeoutMs: 200, maxRetries: 1 }).embed(['陶瓷']);
    expect(vectors).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries with a retryable error', async () => {
    server.script({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await failure(make({ maxRetries: 2 }).embed(['陶瓷']));
    expect(server.requests).toHaveLength(3);
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/after 3 attempt/);
  });

  it('reports a timeout after the retries are spent', async () => {
    server.script({ delayMs: 400 }, { delayMs: 400 });
    const error = await failure(make({ timeoutMs: 150, maxRetries: 1 }).embed(['陶瓷']));
    expect(error.message).toMatch(/timed out/);
    expect(server.requests).toHaveLength(2);
  });

  it('fails fast on 401 after exactly one request, without leaking the key', async () => {
    server.script({ status: 401 });
    const error = await failure(make({ maxRetries: 4 }).embed(['陶瓷']));
    expect(server.requests).toHaveLength(1);
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/credentials/);
    expect(`${error.message} ${String(error.cause ?? '')}`).not.toMatch(/SECRETKEY|sk-te/);
  });

  it('fails fast on a wrong key even without scripting', async () => {
    const error = await failure(make({ apiKey: 'sk-wrong-OTHERSECRET' }).embed(['陶瓷']));
    expect(server.requests).toHaveLength(1);
    expect(error.message).not.toContain('OTHERSECRET');
  });

  it('fails fast on 400 after exactly one request, without echoing the input text', async () => {
    server.script({ status: 400 });
    const error = await failure(make({ maxRetries: 4 }).embed(['机密配方：绿茶多酚提取温度']));
    expect(server.requests).toHaveLength(1);
    expect(error.status).toBe(400);
    expect(error.message).toContain('context_length_exceeded');
    expect(error.message).not.toContain('绿茶');
  });

  it('reports an unreachable endpoint as a connection failure', async () => {
    const error = await failure(make({ baseURL: 'http://127.0.0.1:9/v1', maxRetries: 1 }).embed(['陶瓷']));
    expect(error.message).toMatch(/connection failed/);
    expect(error.message).not.toContain(server.apiKey);
  });
});

import OpenAI from 'openai';
import { type Embedder, l2Normalize } from './embedder.ts';
import { type BatchLimits, prepareInput, providerDefaults, splitIntoBatches } from './embedding-batches.ts';
import { describeEmbeddingError, EmbeddingResponseError } from './embedding-errors.ts';
import { attemptsMade, boundedRetryFetch } from './retry.ts';

/** The subset of a pino logger we use, so tests and other loggers can stand in. */
export type EmbedderLogger = { warn(details: Record<string, unknown>, message: string): void };

export type OpenAiEmbedderOptions = {
  /** e.g. https://api.openai.com/v1, https://dashscope.aliyuncs.com/compatible-mode/v1, http://localhost:11434/v1 */
  baseURL: string;
  apiKey: string;
  model: string;
  /** Sent to the provider only when set (text-embedding-3-*, DashScope v3/v4 and Zhipu embedding-3 accept it). */
  dimensions?: number | undefined;
  maxBatchSize?: number | undefined;
  maxInputTokens?: number | undefined;
  maxRequestTokens?: number | undefined;
  /** Further attempts the openai client makes on 429, 5xx, timeouts and connection failures (its own backoff). */
  maxRetries?: number | undefined;
  /** One attempt's limit. */
  timeoutMs?: number | undefined;
  /** The longest a provider's retry-after may hold one retry. */
  maxRetryAfterMs?: number | undefined;
  /** "float" works with every compatible server; "base64" is smaller on the wire where supported. */
  encodingFormat?: 'float' | 'base64' | undefined;
  logger?: EmbedderLogger | undefined;
};

export type OpenAiEmbedder = Embedder & {
  /** Embeds one short text to learn the model's native dimension when none was configured; returns it. */
  probe(): Promise<number>;
};

const DEFAULTS = {
  maxBatchSize: 64,
  maxInputTokens: 8000,
  maxRequestTokens: 100_000,
  maxRetries: 4,
  timeoutMs: 30_000,
  maxRetryAfterMs: 20_000,
};

type EmbeddingDatum = { index: number; embedding: number[] | string };

function decodeEmbedding(embedding: number[] | string): Float32Array {
  if (Array.isArray(embedding)) return Float32Array.from(embedding);
  // base64 of little-endian float32; copy so the vector owns an aligned buffer.
  const bytes = Buffer.from(embedding, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new EmbeddingResponseError('base64 embedding is not a whole number of float32');
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** Implements the Embedder port over any OpenAI-compatible `POST /embeddings` endpoint. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): OpenAiEmbedder {
  const host = new URL(options.baseURL).host;
  const known = providerDefaults(host);
  const limits: BatchLimits = {
    maxBatchSize: options.maxBatchSize ?? known.maxBatchSize ?? DEFAULTS.maxBatchSize,
    maxInputTokens: options.maxInputTokens ?? known.maxInputTokens ?? DEFAULTS.maxInputTokens,
    maxRequestTokens: options.maxRequestTokens ?? DEFAULTS.maxRequestTokens,
  };
  const encodingFormat = options.encodingFormat ?? 'float';
  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  // Retries are the SDK's own (retry.ts); the fetch only bounds retry-after and logs each retry.
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    maxRetries,
    timeout: options.timeoutMs ?? DEFAULTS.timeoutMs,
    fetch: boundedRetryFetch({
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
      onRetry: ({ attempt }) =>
        options.logger?.warn({ host, model: options.model, attempt }, 'embedding request failed; retrying'),
    }),
  });
  let dimensions = options.dimensions;

  const requestBatch = async (inputs: string[]): Promise<Float32Array[]> => {
    const response = await client.embeddings
      .create({
        model: options.model,
        input: inputs,
        encoding_format: encodingFormat,
        ...(options.dimensions ? { dimensions: options.dimensions } : {}),
      })
      .catch((error: unknown) => {
        const attempts = attemptsMade(error, maxRetries);
        throw describeEmbeddingError(error, { host, model: options.model, apiKey: options.apiKey, inputs, attempts });
      });
    return toVectors(response.data as EmbeddingDatum[], inputs.length);
  };

  const toVectors = (data: EmbeddingDatum[], expected: number): Float32Array[] => {
    if (!Array.isArray(data) || data.length !== expected) {
      throw new EmbeddingResponseError(`expected ${expected} embeddings from ${host}, got ${data?.length ?? 0}`);
    }
    // Providers may answer out of order; `index` is the position in our request.
    const sorted = [...data].sort((a, b) => a.index - b.index);
    return sorted.map((datum, position) => {
      if (datum.index !== position) throw new EmbeddingResponseError(`embedding indices from ${host} are not 0..n-1`);
      const vector = decodeEmbedding(datum.embedding);
      dimensions ??= vector.length;
      if (vector.length !== dimensions || vector.length === 0) {
        throw new EmbeddingResponseError(
          `model ${options.model} returned ${vector.length} dims, expected ${dimensions}`,
        );
      }
      if (!vector.every(Number.isFinite))
        throw new EmbeddingResponseError(`model ${options.model} returned non-finite values`);
      return l2Normalize(vector);
    });
  };

  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    const batches = splitIntoBatches(
      texts.map((t) => prepareInput(t, limits)),
      limits,
    );
    const out: Float32Array[] = [];
    // Sequential on purpose: parallel batches multiply 429s against per-minute provider quotas.
    for (const batch of batches) out.push(...(await requestBatch(batch)));
    return out;
  };

  return {
    id: `openai:${options.model}`,
    // Any change of model, size or provider yields a different space, so vectors are never mixed.
    version: `${options.model}/${options.dimensions ?? 'native'}/${host}`,
    get dimensions() {
      if (dimensions === undefined) {
        throw new Error(`dimensions of ${options.model} are unknown: configure them or call probe() first`);
      }
      return dimensions;
    },
    embed,
    async probe() {
      if (dimensions === undefined) await embed(['dimension probe']);
      return dimensions ?? 0;
    },
  };
}

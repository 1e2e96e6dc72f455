import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/**
 * A failure talking to an embeddings endpoint. Messages name the endpoint host, model and status but never
 * the API key or the texts being embedded: they end up in logs and problem responses.
 */
export class EmbeddingProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddingProviderError';
  }
}

/** The provider answered 200 but with something we cannot use (wrong count, dimension, or shape). */
export class EmbeddingResponseError extends EmbeddingProviderError {
  constructor(message: string) {
    super(message, 200, false);
    this.name = 'EmbeddingResponseError';
  }
}

/** 408 and 429 are "try later"; 5xx are the provider's own failures; everything else is our request's fault. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

type Context = { host: string; model: string; apiKey: string; inputs: string[]; attempts: number };

/** Provider messages may quote our input or (on 401) part of the key; keep them only when they do neither. */
function safeProviderMessage(message: string | undefined, ctx: Context): string {
  if (!message) return '';
  const keyTail = ctx.apiKey.slice(-4);
  if (ctx.apiKey && (message.includes(ctx.apiKey) || (keyTail.length === 4 && message.includes(keyTail)))) return '';
  const quotesInput = ctx.inputs.some((text) => {
    const probe = text.trim().slice(0, 24);
    return probe.length >= 4 && message.includes(probe);
  });
  return quotesInput ? '' : message.slice(0, 200);
}

/** Turns whatever the SDK threw into an EmbeddingProviderError with a message that is safe to log. */
export function describeEmbeddingError(error: unknown, ctx: Context): EmbeddingProviderError {
  if (error instanceof EmbeddingProviderError) return error;
  const where = `embeddings at ${ctx.host} (model ${ctx.model}) after ${ctx.attempts} attempt(s)`;
  if (error instanceof APIConnectionTimeoutError) {
    return new EmbeddingProviderError(`${where}: request timed out`, undefined, true);
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new EmbeddingProviderError(`${where}: connection failed${cause}`, undefined, true);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 401 || status === 403) {
      return new EmbeddingProviderError(`${where}: rejected credentials (${status}); check the API key`, status, false);
    }
    // OpenAI nests {message, type, code, param} under "error"; TEI and others put a bare string there.
    const raw: unknown = error.error;
    const body = (typeof raw === 'object' && raw !== null ? raw : { message: raw }) as Record<string, unknown>;
    const message = safeProviderMessage(typeof body.message === 'string' ? body.message : undefined, ctx);
    const code = [body.type, body.code, body.param].filter((x) => typeof x === 'string' && x).join('/');
    const detail = [code && `[${code}]`, message].filter(Boolean).join(' ');
    return new EmbeddingProviderError(
      `${where}: HTTP ${status}${detail ? ` ${detail}` : ''}`,
      status,
      isRetryableStatus(status),
    );
  }
  const reason = error instanceof Error ? error.name : typeof error;
  return new EmbeddingProviderError(`${where}: unexpected ${reason}`, undefined, false);
}

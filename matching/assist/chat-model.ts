/**
 * The port AI assistance talks through: one JSON answer to one system + user prompt. The OpenAI-compatible
 * implementation is openai-chat-model.ts; every caller has an offline path for when it fails.
 */
export type JsonSchema = Record<string, unknown>;

export type ChatJsonRequest = {
  /** Names the schema for the provider (a-z, A-Z, 0-9, _ and -; at most 64). */
  schemaName: string;
  /** A strict JSON Schema: every object closes its properties and requires all of them (nullable where optional). */
  schema: JsonSchema;
  system: string;
  user: string;
  /** Completion tokens this answer may use. */
  maxTokens: number;
};

export type TokenUsage = { promptTokens: number; completionTokens: number; totalTokens: number };

export type ChatJsonResult = { value: unknown; usage: TokenUsage };

export interface ChatModel {
  /** The model as configured, e.g. `qwen-plus`. */
  readonly model: string;
  /** Model and host: a cached answer of one version is never served as another's. */
  readonly version: string;
  completeJson(request: ChatJsonRequest): Promise<ChatJsonResult>;
}

/**
 * Why an answer could not be used. Every one of them sends the caller to its offline path; the reason is
 * reported to the user as it is.
 */
export const llmFailureReasons = [
  'timeout',
  'rate_limited',
  'provider_error',
  'rejected',
  'broken_json',
  'truncated',
  'refused',
] as const;
export type LlmFailureReason = (typeof llmFailureReasons)[number];

/** A failed call. The message names host, model and status, never the key or the prompt. */
export class LlmFailure extends Error {
  constructor(
    readonly reason: LlmFailureReason,
    message: string,
    /** What the provider billed when it answered at all (a truncated or broken answer still costs). */
    readonly usage?: TokenUsage | undefined,
  ) {
    super(message);
    this.name = 'LlmFailure';
  }
}

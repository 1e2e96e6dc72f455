import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { attemptsMade, boundedRetryFetch } from '../embedders/retry.ts';
import {
  type ChatJsonRequest,
  type ChatJsonResult,
  type ChatModel,
  LlmFailure,
  type TokenUsage,
} from './chat-model.ts';

export type ChatLogger = { warn(details: Record<string, unknown>, message: string): void };

export type OpenAiChatModelOptions = {
  /** e.g. https://api.openai.com/v1, https://dashscope.aliyuncs.com/compatible-mode/v1, http://localhost:11434/v1 */
  baseURL: string;
  apiKey: string;
  model: string;
  /** json_schema: structured outputs; json_object: JSON mode, the schema then travels in the system prompt. */
  responseFormat: 'json_schema' | 'json_object';
  /** One attempt's limit. */
  timeoutMs: number;
  /** Further attempts the openai client makes on 429, 5xx, timeouts and connection failures. */
  maxRetries: number;
  maxRetryAfterMs?: number | undefined;
  logger?: ChatLogger | undefined;
};

/** Implements ChatModel over any OpenAI-compatible `POST /chat/completions`, with the client's own retries. */
export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const host = new URL(options.baseURL).host;
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Ollama and vLLM accept any key; the client refuses to start without one.
    apiKey: options.apiKey || 'none',
    maxRetries: options.maxRetries,
    timeout: options.timeoutMs,
    fetch: boundedRetryFetch({
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      onRetry: ({ attempt }) =>
        options.logger?.warn({ host, model: options.model, attempt }, 'chat completion failed; retrying'),
    }),
  });
  const where = `chat completions at ${host} (model ${options.model})`;

  const completeJson = async (request: ChatJsonRequest): Promise<ChatJsonResult> => {
    const completion = await client.chat.completions.create(buildRequest(options, request)).catch((error: unknown) => {
      throw describeFailure(error, where, attemptsMade(error, options.maxRetries));
    });
    return readAnswer(completion, where);
  };

  return { model: options.model, version: `${options.model}@${host}`, completeJson };
}

function buildRequest(
  options: OpenAiChatModelOptions,
  request: ChatJsonRequest,
): ChatCompletionCreateParamsNonStreaming {
  const schemaMode = options.responseFormat === 'json_schema';
  // JSON mode needs the word "JSON" in the prompt and cannot enforce a schema: the prompt carries it instead.
  const system = schemaMode
    ? request.system
    : `${request.system}\n\nAnswer with one JSON object that follows this JSON Schema:\n${JSON.stringify(request.schema)}`;
  return {
    model: options.model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: request.user },
    ],
    response_format: schemaMode
      ? { type: 'json_schema', json_schema: { name: request.schemaName, schema: request.schema, strict: true } }
      : { type: 'json_object' },
    max_tokens: request.maxTokens,
    temperature: 0,
  };
}

const usageOf = (completion: ChatCompletion): TokenUsage => ({
  promptTokens: completion.usage?.prompt_tokens ?? 0,
  completionTokens: completion.usage?.completion_tokens ?? 0,
  totalTokens: completion.usage?.total_tokens ?? 0,
});

/** Some JSON-mode providers still wrap the object in a Markdown fence. */
const unfenced = (text: string) =>
  text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');

function readAnswer(completion: ChatCompletion, where: string): ChatJsonResult {
  const usage = usageOf(completion);
  const choice = completion.choices?.[0];
  if (!choice) throw new LlmFailure('broken_json', `${where}: the answer has no choices`, usage);
  if (choice.finish_reason === 'length') {
    throw new LlmFailure('truncated', `${where}: the answer was cut off at max_tokens`, usage);
  }
  if (choice.message.refusal) throw new LlmFailure('refused', `${where}: the model refused`, usage);
  const content = choice.message.content;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new LlmFailure('broken_json', `${where}: the answer is empty`, usage);
  }
  try {
    return { value: JSON.parse(unfenced(content)), usage };
  } catch {
    throw new LlmFailure('broken_json', `${where}: the answer is not JSON`, usage);
  }
}

/** Provider messages can quote the prompt or part of the key, so only the status and error code are kept. */
function describeFailure(error: unknown, where: string, attempts: number): LlmFailure {
  const after = `${where} after ${attempts} attempt(s)`;
  if (error instanceof APIConnectionTimeoutError) return new LlmFailure('timeout', `${after}: timed out`);
  if (error instanceof APIConnectionError) return new LlmFailure('provider_error', `${after}: connection failed`);
  if (error instanceof APIError && typeof error.status === 'number') {
    const code = typeof error.code === 'string' ? ` [${error.code}]` : '';
    if (error.status === 429) return new LlmFailure('rate_limited', `${after}: HTTP 429${code}`);
    if (error.status >= 500) return new LlmFailure('provider_error', `${after}: HTTP ${error.status}${code}`);
    return new LlmFailure('rejected', `${after}: HTTP ${error.status}${code}`);
  }
  // The client validates its own answer shape; anything else here is an answer we cannot read.
  return new LlmFailure(
    'broken_json',
    `${after}: unreadable answer (${error instanceof Error ? error.name : 'unknown'})`,
  );
}

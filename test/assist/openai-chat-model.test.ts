import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LlmFailure } from '../../matching/assist/chat-model.ts';
import { createOpenAiChatModel } from '../../matching/assist/openai-chat-model.ts';
import { loadConfig } from '../../scripts/config.ts';
import { type FakeLlmServer, startFakeLlmServer } from '../support/fake-llm-server.ts';

let server: FakeLlmServer;
beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.violations).toEqual([]);
  server.reset();
});

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['answer'],
  properties: { answer: { type: 'string' } },
};
const make = (overrides: Partial<Parameters<typeof createOpenAiChatModel>[0]> = {}) =>
  createOpenAiChatModel({
    baseURL: server.baseURL,
    apiKey: server.apiKey,
    model: 'deepseek-chat',
    responseFormat: 'json_schema',
    timeoutMs: 1_000,
    maxRetries: 1,
    ...overrides,
  });
const ask = (model: ReturnType<typeof make>) =>
  model.completeJson({ schemaName: 'probe', schema, system: '回答问题。', user: '1+1?', maxTokens: 50 });

describe('OpenAI-compatible chat model', () => {
  it('sends one chat completion with a strict json_schema and reads the JSON answer and usage', async () => {
    server.respond = () => '{"answer":"2"}';
    const result = await ask(make());
    expect(result.value).toEqual({ answer: '2' });
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    expect(server.requests[0]?.body).toEqual({
      model: 'deepseek-chat',
      messages: [
        { role: 'system', content: '回答问题。' },
        { role: 'user', content: '1+1?' },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'probe', schema, strict: true } },
      max_tokens: 50,
      temperature: 0,
    });
  });

  it('JSON mode carries the schema in the system prompt and accepts a fenced answer', async () => {
    server.respond = () => '```json\n{"answer":"2"}\n```';
    const result = await ask(make({ responseFormat: 'json_object' }));
    expect(result.value).toEqual({ answer: '2' });
    const body = server.requests[0]?.body;
    expect(body?.response_format).toEqual({ type: 'json_object' });
    expect(body?.messages[0]?.content).toContain(JSON.stringify(schema));
  });

  it('names failures without the key: a wrong key is rejected after one attempt', async () => {
    const error = await ask(make({ apiKey: 'sk-wrong-OTHERSECRET' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmFailure);
    expect((error as LlmFailure).reason).toBe('rejected');
    expect((error as LlmFailure).message).toMatch(/after 1 attempt.*HTTP 401/);
    expect((error as LlmFailure).message).not.toContain('OTHERSECRET');
    expect(server.requests).toHaveLength(1);
  });

  it('a server asking to wait an hour holds a retry no longer than maxRetryAfterMs', async () => {
    server.respond = () => '{"answer":"2"}';
    server.script({ status: 429, retryAfter: '3600' });
    const started = Date.now();
    expect((await ask(make({ maxRetryAfterMs: 100 }))).value).toEqual({ answer: '2' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('LLM configuration', () => {
  it('is off without a base URL, keeps confidential records in by default, and names a bad setting', () => {
    const config = loadConfig({});
    expect(config.LLM_BASE_URL).toBeUndefined();
    expect(config.LLM_ALLOW_CONFIDENTIAL).toBe(false);
    expect(config.LLM_DAILY_TOKENS_PER_ORG).toBe(200_000);
    const on = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_ALLOW_CONFIDENTIAL: 'true' });
    expect(on.LLM_ALLOW_CONFIDENTIAL).toBe(true);
    expect(() => loadConfig({ LLM_ALLOW_CONFIDENTIAL: 'yes' })).toThrow(/LLM_ALLOW_CONFIDENTIAL/);
    expect(() => loadConfig({ LLM_RESPONSE_FORMAT: 'xml' })).toThrow(/LLM_RESPONSE_FORMAT/);
  });
});

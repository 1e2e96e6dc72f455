import type { LlmAssist } from '../../matching/assist/llm-assist.ts';
import { createOpenAiChatModel } from '../../matching/assist/openai-chat-model.ts';
import type { FakeLlmServer } from '../support/fake-llm-server.ts';

/** The real openai client against the local fake: short timeouts and one retry keep failure tests quick. */
export function fakeLlm(server: FakeLlmServer, overrides: Partial<LlmAssist> = {}): LlmAssist {
  return {
    model: createOpenAiChatModel({
      baseURL: server.baseURL,
      apiKey: server.apiKey,
      model: 'qwen-plus',
      responseFormat: 'json_schema',
      timeoutMs: 600,
      maxRetries: 1,
      maxRetryAfterMs: 200,
    }),
    allowConfidential: false,
    maxTokensPerRequest: 1_200,
    dailyTokensPerOrg: 100_000,
    ...overrides,
  };
}

/** The fence the prompt put around record text: its nonce is in the system message. */
export function dataSection(system: string, user: string): string {
  const nonce = /<<<DATA ([0-9a-f]+)>>>/.exec(system)?.[1];
  if (!nonce) throw new Error('no data fence in the system message');
  const open = `<<<DATA ${nonce}>>>`;
  const close = `<<<END ${nonce}>>>`;
  if (!user.startsWith(open) || !user.endsWith(close)) throw new Error('user message is not one fenced section');
  return user.slice(open.length, -close.length);
}

/** The system and user message of a recorded request. */
export function promptOf(body: { messages: { role: string; content: string }[] }) {
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  return { system, user };
}

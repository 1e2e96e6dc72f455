import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { type ChatJsonRequest, LlmFailure } from './chat-model.ts';
import type { OfflineReason } from './llm-assist.ts';
import { estimateTokens, reserveTokens, settleTokens } from './token-budget.ts';

/** What the caller's check made of a model's answer: a value to use, or why it is not used. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: OfflineReason };

export type Asked<T> = { ok: true; value: T; model: string } | { ok: false; reason: OfflineReason };

/**
 * One model call on an organisation's budget: reserve the worst case, call, settle to what was billed, then
 * let `check` decide whether the answer may be used. Every way it can fail is a reason for the offline path,
 * logged without the prompt; nothing here throws for a provider's sake.
 */
export async function askModel<T>(
  deps: Deps,
  actor: Actor,
  request: Omit<ChatJsonRequest, 'maxTokens'>,
  check: (value: unknown) => Checked<T> | Promise<Checked<T>>,
): Promise<Asked<T>> {
  const llm = deps.llm;
  if (!llm) return { ok: false, reason: 'not_configured' };
  const prompt = estimateTokens(request.system + request.user + JSON.stringify(request.schema));
  const reserved = prompt + llm.maxTokensPerRequest;
  if (!(await reserveTokens(deps, actor.orgId, reserved, llm.dailyTokensPerOrg))) {
    return { ok: false, reason: 'budget_exhausted' };
  }
  let value: unknown;
  try {
    const answer = await llm.model.completeJson({ ...request, maxTokens: llm.maxTokensPerRequest });
    // A provider that reports no usage is charged our estimate of what it read and wrote.
    const billed = answer.usage.totalTokens || prompt + estimateTokens(JSON.stringify(answer.value));
    await settleTokens(deps, actor.orgId, reserved, billed);
    value = answer.value;
  } catch (error) {
    await settleTokens(deps, actor.orgId, reserved, error instanceof LlmFailure ? (error.usage?.totalTokens ?? 0) : 0);
    if (!(error instanceof LlmFailure)) throw error;
    deps.logger.warn(
      { reason: error.reason, err: error.message, schema: request.schemaName },
      'assist model call failed; answering offline',
    );
    return { ok: false, reason: error.reason };
  }
  const checked = await check(value);
  if (!checked.ok) {
    deps.logger.warn(
      { reason: checked.reason, schema: request.schemaName },
      'assist model answer rejected; answering offline',
    );
    return checked;
  }
  return { ok: true, value: checked.value, model: llm.model.model };
}

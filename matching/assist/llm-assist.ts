import type { ChatModel, LlmFailureReason } from './chat-model.ts';

/** AI assistance as a deployment configured it (LLM_*): the model and the rules for using it. */
export type LlmAssist = {
  model: ChatModel;
  /** LLM_ALLOW_CONFIDENTIAL: confidential records may go to this model (one the deployment runs or trusts). */
  allowConfidential: boolean;
  /** Completion tokens one answer may use. */
  maxTokensPerRequest: number;
  /** Tokens one organisation may spend per UTC day; past it assistance answers offline. */
  dailyTokensPerOrg: number;
};

/**
 * Why an answer came from the offline path: no model configured, a record or text that may not leave, the
 * organisation's daily tokens spent, the call failing, or an answer that failed our checks.
 */
export type OfflineReason =
  | 'not_configured'
  | 'confidential'
  | 'budget_exhausted'
  | LlmFailureReason
  | 'invalid_output'
  | 'uncited_content';

/** Which path produced an answer; every assist response carries it. */
export type Provenance = { source: 'llm'; model: string } | { source: 'offline'; reason: OfflineReason };

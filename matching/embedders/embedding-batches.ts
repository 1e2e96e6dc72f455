/**
 * Request shaping for remote embedders. Providers cap inputs per request, tokens per input and tokens per
 * request, and we have no tokenizer for every provider's model, so the estimate is deliberately pessimistic:
 * a non-ASCII code point (Chinese, mostly) counts as two tokens, ASCII as one token per three characters.
 * Real tokenizers give fewer, so staying under the estimate keeps us under the real limit.
 */
export type BatchLimits = {
  /** Inputs per request (OpenAI allows 2048, DashScope 10, Zhipu 64). */
  maxBatchSize: number;
  /** Estimated tokens per input; longer inputs are truncated (OpenAI and DashScope allow 8192). */
  maxInputTokens: number;
  /** Estimated tokens per request, summed over its inputs (OpenAI allows 300k). */
  maxRequestTokens: number;
};

export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    if ((ch.codePointAt(0) ?? 0) < 0x80) ascii++;
    else other++;
  }
  return other * 2 + Math.ceil(ascii / 3);
}

/** Cuts `text` at a code-point boundary (never inside a surrogate pair) so its estimate fits `maxTokens`. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  let ascii = 0;
  let other = 0;
  let end = 0;
  for (const ch of text) {
    if ((ch.codePointAt(0) ?? 0) < 0x80) ascii++;
    else other++;
    if (other * 2 + Math.ceil(ascii / 3) > maxTokens) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * Prepares inputs the way every provider accepts them: truncated to the per-input budget, and never empty
 * (OpenAI rejects "" with a 400, so a blank text is sent as a single space and still gets a vector).
 */
export function prepareInput(text: string, limits: BatchLimits): string {
  const truncated = truncateToTokens(text, limits.maxInputTokens);
  return truncated.trim() === '' ? ' ' : truncated;
}

/** Splits prepared inputs into consecutive batches within both limits; order is preserved. */
export function splitIntoBatches(inputs: string[], limits: BatchLimits): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const input of inputs) {
    const cost = estimateTokens(input);
    const full =
      current.length >= limits.maxBatchSize || (current.length > 0 && tokens + cost > limits.maxRequestTokens);
    if (full) {
      batches.push(current);
      current = [];
      tokens = 0;
    }
    current.push(input);
    tokens += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Known stricter limits of common providers, used only where the operator configured nothing. */
export function providerDefaults(host: string): Partial<BatchLimits> {
  if (host.includes('dashscope')) return { maxBatchSize: 10 };
  if (host.includes('bigmodel.cn')) return { maxInputTokens: 3000 };
  return {};
}

import { type ClassifyOptions, classifyChain } from './classify-chain.ts';
import type { ChainDefinition, ChainGuess, ClassifyText } from './taxonomy.ts';

export interface ResolvedChain extends ChainGuess {
  /** 'user' when the enterprise or institution chose the chain; the classifier never overrides them. */
  source: 'user' | 'classifier';
}

export interface ResolveChainInput {
  userChainId?: string | null | undefined;
  text: ClassifyText;
  taxonomy: readonly ChainDefinition[];
  options?: ClassifyOptions;
}

/**
 * The chain a record is matched and routed under: the user's choice when given, else the classifier's guess.
 * The user's id is not checked against the taxonomy here; records validate it on write (assertChainsExist).
 */
export function resolveChain({ userChainId, text, taxonomy, options }: ResolveChainInput): ResolvedChain | null {
  if (userChainId) return { chainId: userChainId, confidence: 1, evidence: [], source: 'user' };
  const guess = classifyChain(text, taxonomy, options);
  return guess ? { ...guess, source: 'classifier' } : null;
}

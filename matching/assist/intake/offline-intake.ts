import { classifyChain } from '../../classify/classify-chain.ts';
import type { ChainDefinition } from '../../classify/taxonomy.ts';
import { isFigure } from '../../text/figures.ts';
import { extractKeywordsBundled } from '../../text/keywords.ts';
import { normalizeText } from '../../text/normalize.ts';
import { visibleText } from '../prompt-data.ts';
import {
  clausesOf,
  constraintsIn,
  cooperationModesIn,
  maturityIn,
  suggestedConfidentialityIn,
  titleFrom,
} from './intake-rules.ts';
import { parseBudget, type StatedBudget } from './parse-budget.ts';
import { parseDeadline, type StatedDeadline } from './parse-deadline.ts';

/** What the rules read from the text once; the offline draft and the checks of a model's draft both use it. */
export type IntakeAnalysis = {
  visible: string;
  normalized: string;
  clauses: string[];
  budget: StatedBudget | undefined;
  deadline: StatedDeadline | undefined;
  suggested: { level: 'public' | 'desensitised' | 'confidential'; reason: string } | undefined;
};

export function analyseIntake(text: string, now: Date): IntakeAnalysis {
  const visible = visibleText(text).trim();
  const normalized = normalizeText(visible);
  const clauses = clausesOf(normalized);
  return {
    visible,
    normalized,
    clauses,
    budget: parseBudget(clauses),
    deadline: parseDeadline(clauses, now),
    suggested: suggestedConfidentialityIn(normalized),
  };
}

/** A chain guess is put in the draft only when it is clear enough to confirm rather than correct. */
const MIN_CHAIN_CONFIDENCE = 0.4;
const MAX_KEYWORDS = 8;

export type OfflineDraft = {
  candidate: Record<string, unknown>;
  constraints: string[];
  chain: { chainId: string; confidence: number } | undefined;
};

/**
 * The deterministic draft: the text pipeline's keywords (figures left out), the chain classifier, and the
 * rules for maturity, cooperation modes, budgets (万元/元/亿), deadlines and constraints.
 */
export function offlineDraft(analysis: IntakeAnalysis, taxonomy: readonly ChainDefinition[]): OfflineDraft {
  const title = titleFrom(analysis.visible);
  const keywords = extractKeywordsBundled(analysis.visible, MAX_KEYWORDS * 2)
    .map((k) => k.keyword)
    .filter((k) => !isFigure(k) && Array.from(k).length <= 50)
    .slice(0, MAX_KEYWORDS);
  const guess = classifyChain({ title: title ?? '', body: analysis.visible }, taxonomy);
  const chain = guess ? { chainId: guess.chainId, confidence: guess.confidence } : undefined;
  const candidate: Record<string, unknown> = {
    title: title ?? (keywords.length > 0 ? `${keywords.slice(0, 3).join('、')}技术需求` : undefined),
    description: analysis.visible,
    chainId: chain && chain.confidence >= MIN_CHAIN_CONFIDENCE ? chain.chainId : undefined,
    keywords,
    ...maturityIn(analysis.normalized),
    ...(analysis.budget ? { budgetMin: analysis.budget.budgetMin, budgetMax: analysis.budget.budgetMax } : {}),
    deadline: analysis.deadline?.deadline,
    cooperationModes: cooperationModesIn(analysis.normalized),
    confidentiality: analysis.suggested?.level ?? 'public',
  };
  const used = [analysis.budget?.clause, analysis.deadline?.clause].filter((c): c is string => c !== undefined);
  return { candidate, constraints: constraintsIn(analysis.clauses, used), chain };
}

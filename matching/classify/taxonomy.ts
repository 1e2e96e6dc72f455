import type { industryChains } from '../../schema/industry-chains.ts';
import type { AnalyzedText } from '../text/analyze.ts';

/** What the classifier needs of a chain: the table row (or the seed JSON entry) reduced to its evidence. */
export type ChainDefinition = Pick<typeof industryChains.$inferSelect, 'id' | 'name' | 'keywords'>;

/**
 * A record's text; the title states the topic, the body mentions many things in passing. A plain string
 * is weighed as body text: its caller did not say which part names the topic.
 */
export type ClassifyText =
  | string
  | {
      title: string;
      body?: string | null | undefined;
      /** The text pipeline's output for title and body, when the caller has it already (saves a jieba pass). */
      analyzed?: { title: AnalyzedText; body?: AnalyzedText | undefined } | undefined;
    };

export interface ChainGuess {
  chainId: string;
  /** 0–1: evidence strength times the share it holds over the runner-up. */
  confidence: number;
  /** The taxonomy terms (chain name or keywords) found in the text, strongest first. */
  evidence: string[];
}

import type { Provenance } from '../llm-assist.ts';

/** A manager's account of a pair and the first message to each party, in Chinese. */
export type PairAssistContent = {
  explanation: string;
  /** The record terms and figures the explanation rests on (each occurs in the records). */
  citedTerms: string[];
  messages: { toEnterprise: string; toInstitution: string };
};

export type PairAssist = Provenance & PairAssistContent & { cached: boolean };

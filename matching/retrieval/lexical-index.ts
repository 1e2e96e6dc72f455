import type { AnalyzedText } from '../text/analyze.ts';
import { Bm25Field, type Bm25Params, queryFromTerms, type WeightedQuery } from './bm25.ts';

export const LEXICAL_FIELDS = ['words', 'bigrams', 'chars'] as const;
export type LexicalField = (typeof LEXICAL_FIELDS)[number];

export type LexicalQuery = Record<LexicalField, WeightedQuery>;

export interface LexicalConfig {
  bm25: Bm25Params;
  /** Weight of each field's BM25 in the sum; 0 switches a field off. */
  weights: Record<LexicalField, number>;
}

export const DEFAULT_LEXICAL_CONFIG: LexicalConfig = {
  bm25: { k1: 1.2, b: 0.75 },
  weights: { words: 1, bigrams: 1, chars: 1 },
};

export type AnalyzedTerms = Pick<AnalyzedText, LexicalField>;

/**
 * BM25 over three views of the same text, summed: jieba words give whole-term precision, character
 * bigrams catch terms the dictionary segments differently or lacks, single characters bridge different
 * wordings of one concept. Scored separately because their length statistics and IDF scales differ.
 */
export class LexicalIndex {
  private readonly fields: Record<LexicalField, Bm25Field>;
  /** Forward index, kept for pseudo-relevance feedback and explanations. */
  private readonly docs: AnalyzedTerms[] = [];
  private count = 0;

  /**
   * `keepTerms` keeps each document's tokens for pseudo-relevance feedback; the service's engine does not use
   * feedback and, at 100k documents, cannot afford a second copy of every token.
   */
  constructor(
    readonly config: LexicalConfig = DEFAULT_LEXICAL_CONFIG,
    private readonly keepTerms = true,
  ) {
    this.fields = {
      words: new Bm25Field(config.bm25),
      bigrams: new Bm25Field(config.bm25),
      chars: new Bm25Field(config.bm25),
    };
  }

  get size(): number {
    return this.count;
  }

  field(name: LexicalField): Bm25Field {
    return this.fields[name];
  }

  add(doc: AnalyzedTerms): number {
    const n = this.count;
    for (const name of LEXICAL_FIELDS) this.fields[name].addDocument(n, doc[name]);
    this.count++;
    if (this.keepTerms) this.docs.push({ words: doc.words, bigrams: doc.bigrams, chars: doc.chars });
    return n;
  }

  terms(doc: number): AnalyzedTerms | undefined {
    return this.docs[doc];
  }

  score(query: LexicalQuery): Float64Array {
    const scores = new Float64Array(this.count);
    for (const name of LEXICAL_FIELDS) {
      const weight = this.config.weights[name];
      if (weight > 0) this.fields[name].accumulate(query[name], scores, weight);
    }
    return scores;
  }
}

export function lexicalQuery(analyzed: AnalyzedTerms): LexicalQuery {
  return {
    words: queryFromTerms(analyzed.words),
    bigrams: queryFromTerms(analyzed.bigrams),
    chars: queryFromTerms(analyzed.chars),
  };
}

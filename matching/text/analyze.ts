import { cjkBigrams, cjkChars } from './bigrams.ts';
import { normalizeText } from './normalize.ts';
import { isCjk, segmentWords } from './segment.ts';
import { isStopWord } from './stopwords.ts';

export interface AnalyzedText {
  normalized: string;
  /** jieba search-mode words and latin/digit codes, stop words removed. */
  words: string[];
  /**
   * CJK character bigrams, all of them (their IDF handles frequent pairs), plus the latin/digit codes so
   * this field alone still matches a need that is mostly a model number.
   */
  bigrams: string[];
  /** Single CJK characters: the softest lexical match, bridging different wordings of one concept. */
  chars: string[];
}

export function analyzeText(text: string): AnalyzedText {
  const normalized = normalizeText(text);
  const segmented = segmentWords(normalized);
  return {
    normalized,
    words: segmented.filter((w) => !isStopWord(w)),
    bigrams: [...cjkBigrams(normalized), ...segmented.filter((w) => !isCjk(w.charAt(0)))],
    chars: cjkChars(normalized),
  };
}

/** Term → count; the representation every scorer (BM25, tf-idf, keyword extraction) starts from. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

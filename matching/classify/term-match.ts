import { type AnalyzedText, analyzeText } from '../text/analyze.ts';

/** Token views of one text field, as sets for membership tests. */
export interface TokenSets {
  words: ReadonlySet<string>;
  bigrams: ReadonlySet<string>;
  chars: ReadonlySet<string>;
}

export function tokenSets(text: string | AnalyzedText): TokenSets {
  const a = typeof text === 'string' ? analyzeText(text) : text;
  return { words: new Set(a.words), bigrams: new Set(a.bigrams), chars: new Set(a.chars) };
}

/** A taxonomy term pre-analysed once, so classifying a text costs set look-ups only. */
export interface PreparedTerm {
  term: string;
  analyzed: AnalyzedText;
}

export function prepareTerm(term: string): PreparedTerm {
  return { term, analyzed: analyzeText(term) };
}

const share = (parts: readonly string[], present: ReadonlySet<string>): number =>
  parts.length === 0 ? 0 : parts.filter((p) => present.has(p)).length / parts.length;

/**
 * How strongly a taxonomy term occurs in a text, 0–1, on the text pipeline's tokens:
 * - 1 when jieba produced the term as a word (锂电 inside 锂电池: search mode emits the sub-word);
 * - otherwise by coverage of the term's sub-words or character bigrams (热管理 is cut 热/管理, 新能源车 covers
 *   half of 新能源汽车), discounted because a bigram may straddle two words (安装备件 contains 装备);
 *   2-character terms that jieba did not emit are exactly that risky case, so they get the lowest weight;
 * - a one-character term (酶) can only be found as a character, which is weak evidence.
 * At half coverage or less the term is not there: 前沿电池 sharing only 电池 is 电池's evidence, not its own.
 */
export function termStrength(term: PreparedTerm, text: TokenSets): number {
  const { normalized, words, bigrams } = term.analyzed;
  if (text.words.has(normalized)) return 1;
  const length = Array.from(normalized).length;
  if (length === 1) return text.chars.has(normalized) ? 0.5 : 0;
  const coverage = Math.max(share(words, text.words), share(bigrams, text.bigrams));
  if (coverage <= 0.5) return 0;
  return coverage * (length >= 3 ? 0.8 : 0.5);
}

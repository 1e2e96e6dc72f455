import { TfIdf } from '@node-rs/jieba';
import { idf as bundledIdf } from '@node-rs/jieba/dict.js';
import { normalizeText } from './normalize.ts';
import { jieba, segmentWords } from './segment.ts';
import { isStopWord, STOP_WORDS } from './stopwords.ts';

export interface Keyword {
  keyword: string;
  weight: number;
}

/**
 * Keywords by tf × idf where idf comes from the pool (e.g. `Bm25Field.idf` of the words field), so a
 * term common in this city's achievements does not become everyone's keyword. Single characters are
 * skipped: they are too ambiguous to show to a person.
 */
export function extractKeywords(text: string, idf: (term: string) => number, k = 8): Keyword[] {
  const counts = new Map<string, number>();
  for (const w of segmentWords(normalizeText(text))) {
    if (isStopWord(w) || Array.from(w).length < 2) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([keyword, tf]) => ({ keyword, weight: tf * idf(keyword) }))
    .sort((a, b) => b.weight - a.weight || (a.keyword < b.keyword ? -1 : 1))
    .slice(0, k);
}

let bundled: TfIdf | undefined;

/** Before a pool exists: jieba's bundled general-Chinese IDF table. */
export function extractKeywordsBundled(text: string, k = 8): Keyword[] {
  bundled ??= TfIdf.withDict(bundledIdf);
  // Over-fetch and filter here: the native setConfig rejects a JS Set of stop words.
  return bundled
    .extractKeywords(jieba(), normalizeText(text), k + STOP_WORDS.size)
    .filter((kw) => !isStopWord(kw.keyword) && Array.from(kw.keyword).length >= 2)
    .slice(0, k);
}

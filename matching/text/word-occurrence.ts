import { jieba } from './segment.ts';

/** A normalised text cut into precise-mode words, kept to test where a term starts and ends. */
export interface TextWords {
  /** Index of the precise-mode word each UTF-16 offset of the text falls in. */
  wordAt: Uint32Array;
  /** Offset where each word starts (one more entry: the text's length). */
  starts: number[];
}

export function textWords(normalized: string): TextWords {
  const wordAt = new Uint32Array(normalized.length);
  const starts: number[] = [];
  let offset = 0;
  for (const piece of jieba().cut(normalized, true)) {
    wordAt.fill(starts.length, offset, offset + piece.length);
    starts.push(offset);
    offset += piece.length;
  }
  starts.push(offset);
  return { wordAt, starts };
}

/**
 * Whether `term` occurs in the text as a word: a run of whole precise-mode words (亲水涂层 where jieba cut
 * 亲水 + 涂层), or a search-mode sub-word of one word (机器人 in 焊接机器人, as the index's words field has
 * it). A sequence that starts or ends inside a word otherwise does not count: 水涂 across 亲水|涂层.
 */
export function occursAsWord(term: string, text: string, words: TextWords): boolean {
  const isStart = (at: number) => at === text.length || words.starts[words.wordAt[at] ?? -1] === at;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    const end = at + term.length;
    if (isStart(at) && isStart(end)) return true;
    const word = words.wordAt[at];
    if (word !== undefined && word === words.wordAt[end - 1] && subWords(words, text, word).includes(term)) return true;
  }
  return false;
}

function subWords(words: TextWords, text: string, word: number): string[] {
  const piece = text.slice(words.starts[word], words.starts[word + 1]);
  return jieba().cutForSearch(piece, true);
}

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Loading the dictionary costs ~200 ms and a few MB; only processes that actually match text pay it.
let instance: Jieba | undefined;

export function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
// Codes such as 500mpa, sic, 5g, mcf-7, ti6al4v, 3.5: one token each, a hyphen or dot inside joins.
const MIXED = /[a-z0-9]+(?:[-.+][a-z0-9]+)*/g;
const HAS_ALNUM = /[a-z0-9]/;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/**
 * Search-mode segmentation (long words plus their dictionary sub-words, so 乳腺癌 also matches 乳腺)
 * of already normalised text. Latin/digit codes are cut by our own rule rather than jieba's, because
 * jieba splits "mcf-7" differently depending on the surrounding characters.
 */
export function segmentWords(normalized: string): string[] {
  const words: string[] = [];
  for (const piece of jieba().cutForSearch(normalized, true)) {
    if (CJK.test(piece)) words.push(piece);
  }
  for (const match of normalized.matchAll(MIXED)) {
    const code = match[0];
    if (HAS_ALNUM.test(code)) words.push(code);
  }
  return words;
}

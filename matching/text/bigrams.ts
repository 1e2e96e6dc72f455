import { isCjk } from './segment.ts';

/** Maximal runs of CJK characters; punctuation, spaces and latin break a run. */
export function cjkRuns(normalized: string): string[] {
  const runs: string[] = [];
  let current = '';
  for (const ch of normalized) {
    if (isCjk(ch)) current += ch;
    else if (current) {
      runs.push(current);
      current = '';
    }
  }
  if (current) runs.push(current);
  return runs;
}

/**
 * Single CJK characters. Most Chinese morphemes are one character, so a need and an abstract that
 * word a concept differently (阳桃/杨桃, 除磷微生物/生物除磷) still share them; IDF keeps the common ones
 * from mattering.
 */
export function cjkChars(normalized: string): string[] {
  return cjkRuns(normalized).flatMap((run) => Array.from(run));
}

/**
 * Overlapping character bigrams of every CJK run. They match terms the jieba dictionary does not know
 * (new materials, compound names) and survive segmentation disagreements between a short need and a
 * long abstract. A one-character run is kept as a unigram so it is not lost.
 */
export function cjkBigrams(normalized: string): string[] {
  const grams: string[] = [];
  for (const run of cjkRuns(normalized)) {
    const chars = Array.from(run);
    if (chars.length === 1) {
      grams.push(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  }
  return grams;
}

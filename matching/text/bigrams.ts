/** The CJK ranges the tokenizer treats as Chinese characters (all in the Basic Multilingual Plane). */
function isCjkCode(code: number): boolean {
  return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/**
 * Maximal runs of CJK characters; punctuation, spaces and latin break a run. Scanned by code unit: every
 * CJK character here is one UTF-16 unit, and a surrogate (a character outside these ranges) breaks a run.
 */
export function cjkRuns(normalized: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= normalized.length; i++) {
    const inRun = i < normalized.length && isCjkCode(normalized.charCodeAt(i));
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      runs.push(normalized.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

/**
 * Single CJK characters. Most Chinese morphemes are one character, so a need and an abstract that
 * word a concept differently (阳桃/杨桃, 除磷微生物/生物除磷) still share them; IDF keeps the common ones
 * from mattering.
 */
export function cjkChars(normalized: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < normalized.length; i++) {
    if (isCjkCode(normalized.charCodeAt(i))) chars.push(normalized.charAt(i));
  }
  return chars;
}

/**
 * Overlapping character bigrams of every CJK run. They match terms the jieba dictionary does not know
 * (new materials, compound names) and survive segmentation disagreements between a short need and a
 * long abstract. A one-character run is kept as a unigram so it is not lost.
 */
export function cjkBigrams(normalized: string): string[] {
  const grams: string[] = [];
  for (const run of cjkRuns(normalized)) {
    if (run.length === 1) {
      grams.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) grams.push(run.slice(i, i + 2));
  }
  return grams;
}

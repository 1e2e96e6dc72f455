import { cjkBigrams } from '../text/bigrams.ts';
import { normalizeText } from '../text/normalize.ts';

export function titleBigrams(title: string): Set<string> {
  return new Set(cjkBigrams(normalizeText(title)));
}

/** Jaccard of CJK bigram sets: 0 when either is empty, so untitled records never look like duplicates. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

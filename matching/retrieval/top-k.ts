export interface Scored {
  doc: number;
  score: number;
}

/**
 * Indices of the k highest scores, best first. A bounded min-heap keeps this O(n log k), which matters
 * once the pool is 100k documents and k is small.
 */
export function topK(
  scores: ArrayLike<number>,
  k: number,
  skipZero = true,
  accept?: (doc: number) => boolean,
): Scored[] {
  const heapDocs: number[] = [];
  const heapScores: number[] = [];
  const swap = (i: number, j: number) => {
    const d = heapDocs[i] ?? 0;
    const s = heapScores[i] ?? 0;
    heapDocs[i] = heapDocs[j] ?? 0;
    heapScores[i] = heapScores[j] ?? 0;
    heapDocs[j] = d;
    heapScores[j] = s;
  };
  for (let doc = 0; doc < scores.length; doc++) {
    const score = scores[doc] ?? 0;
    if (skipZero && score === 0) continue;
    const full = heapDocs.length >= k;
    if (full && !(k > 0 && score > (heapScores[0] ?? 0))) continue;
    // Filters run here, before the cut, so a filtered query still returns k hits when k exist; only for
    // documents that would enter the top k, which keeps the filter off the bulk of a large pool.
    if (accept && !accept(doc)) continue;
    if (!full) {
      heapDocs.push(doc);
      heapScores.push(score);
      let i = heapDocs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heapScores[parent] ?? 0) <= (heapScores[i] ?? 0)) break;
        swap(i, parent);
        i = parent;
      }
    } else {
      heapDocs[0] = doc;
      heapScores[0] = score;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heapDocs.length && (heapScores[l] ?? 0) < (heapScores[smallest] ?? 0)) smallest = l;
        if (r < heapDocs.length && (heapScores[r] ?? 0) < (heapScores[smallest] ?? 0)) smallest = r;
        if (smallest === i) break;
        swap(i, smallest);
        i = smallest;
      }
    }
  }
  return heapDocs
    .map((doc, i) => ({ doc, score: heapScores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
}

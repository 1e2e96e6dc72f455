import type { MatchIndex } from '../../matching/retrieval/match-index.ts';

export interface TimedIndex extends MatchIndex {
  /** Wall time of every counted `search` call, in call order (warm-up excluded). */
  readonly latenciesMs: readonly number[];
}

/**
 * Wraps an index so each search is timed on its own with performance.now(). Before the first counted
 * search (i.e. after indexing is complete) it runs the warm-up queries once, untimed and discarded, so
 * JIT compilation and lazy initialisation do not land in the percentiles.
 */
export function timedIndex(inner: MatchIndex, warmup: readonly string[], warmupDepth = 100): TimedIndex {
  const latenciesMs: number[] = [];
  let warmed = false;
  return {
    latenciesMs,
    get size() {
      return inner.size;
    },
    add: (docs) => inner.add(docs),
    async search(query, k) {
      if (!warmed) {
        warmed = true;
        for (const q of warmup) await inner.search(q, warmupDepth);
      }
      const t0 = performance.now();
      const hits = await inner.search(query, k);
      latenciesMs.push(performance.now() - t0);
      return hits;
    },
  };
}

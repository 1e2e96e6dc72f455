import type { Embedder } from '../embedders/embedder.ts';
import { analyzeText } from '../text/analyze.ts';
import { DenseIndex } from './dense-index.ts';
import { DEFAULT_LEXICAL_CONFIG, type LexicalConfig, LexicalIndex, lexicalQuery } from './lexical-index.ts';
import { expandLexicalQuery, type PrfParams } from './prf.ts';
import { type Scored, topK } from './top-k.ts';

export interface MatchDocument {
  id: string;
  text: string;
}

export interface MatchHit {
  id: string;
  score: number;
  /** Per-signal values, stored with each suggestion so it can be explained and relearnt. */
  lexical: number;
  dense?: number;
  /** The calibrated relevance a ranking index attaches (ranking/relevance.ts); retrieval alone has none. */
  relevance?: number;
  /** The ranker's feature values a ranking index attaches (what relevance and the calibration read). */
  features?: Readonly<Record<string, number>>;
}

export interface SearchOptions {
  /** Documents retrieval must act as if it did not hold (the abstention evaluation hides the answer). */
  exclude?: ReadonlySet<string> | undefined;
}

/** What the matching service needs from an index; PostgreSQL and Qdrant backends implement the same. */
export interface MatchIndex {
  readonly size: number;
  add(docs: readonly MatchDocument[]): Promise<void>;
  search(query: string, k: number, options?: SearchOptions): Promise<MatchHit[]>;
}

export interface MemoryMatchOptions {
  lexical?: LexicalConfig;
  /** Pseudo-relevance feedback; off unless given (it did not earn its cost on title→abstract). */
  prf?: PrfParams;
  /** A ready (fitted) embedder; without it, or with weight 0, search is lexical only. */
  embedder?: Embedder;
  dense?: { weight: number; candidates: number };
}

/**
 * In-memory hybrid index: BM25 over words, bigrams and characters, optionally fused with cosine
 * similarity of embeddings. Fusion is linear over max-normalised scores of the union of both
 * candidate lists, so each hit keeps comparable per-signal values.
 */
export function createMemoryMatchIndex(options: MemoryMatchOptions = {}): MatchIndex {
  const lexical = new LexicalIndex(options.lexical ?? DEFAULT_LEXICAL_CONFIG);
  const { embedder } = options;
  const denseWeight = embedder ? (options.dense?.weight ?? 0) : 0;
  const candidates = options.dense?.candidates ?? 100;
  const dense = embedder && denseWeight > 0 ? new DenseIndex(embedder.dimensions) : undefined;
  const ids: string[] = [];

  return {
    get size() {
      return ids.length;
    },

    async add(docs) {
      for (const doc of docs) {
        lexical.add(analyzeText(doc.text));
        ids.push(doc.id);
      }
      if (dense && embedder) dense.add(await embedder.embed(docs.map((d) => d.text)));
    },

    async search(query, k, searchOptions) {
      const exclude = searchOptions?.exclude;
      const keep = exclude && exclude.size > 0 ? (doc: number) => !exclude.has(ids[doc] ?? '') : undefined;
      const analyzed = analyzeText(query);
      let lexicalQ = lexicalQuery(analyzed);
      let lexicalScores = lexical.score(lexicalQ);
      if (options.prf) {
        lexicalQ = expandLexicalQuery(
          lexical,
          lexicalQ,
          topK(lexicalScores, options.prf.docs, true, keep),
          options.prf,
        );
        lexicalScores = lexical.score(lexicalQ);
      }
      const lexicalTop = topK(lexicalScores, Math.max(k, candidates), true, keep);
      if (!dense || !embedder) return toHits(lexicalTop.slice(0, k), lexicalScores);
      const [vector] = await embedder.embed([query]);
      if (!vector) return toHits(lexicalTop.slice(0, k), lexicalScores);
      const denseScores = dense.scores(vector);
      const pool = new Set([...lexicalTop, ...topK(denseScores, candidates, false, keep)].map((h) => h.doc));
      const bestLexical = lexicalTop[0]?.score ?? 0;
      const fused: Scored[] = [...pool].map((doc) => ({
        doc,
        score: (bestLexical > 0 ? (lexicalScores[doc] ?? 0) / bestLexical : 0) + denseWeight * (denseScores[doc] ?? 0),
      }));
      fused.sort((a, b) => b.score - a.score || a.doc - b.doc);
      return toHits(fused.slice(0, k), lexicalScores, denseScores);
    },
  };

  function toHits(hits: readonly Scored[], lexicalScores: Float64Array, denseScores?: Float64Array): MatchHit[] {
    return hits.map((h) => ({
      id: ids[h.doc] ?? '',
      score: h.score,
      lexical: lexicalScores[h.doc] ?? 0,
      ...(denseScores ? { dense: denseScores[h.doc] ?? 0 } : {}),
    }));
  }
}

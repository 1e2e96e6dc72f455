/**
 * The port every embedding backend implements: the local corpus-learnt model and, later, any
 * OpenAI-compatible endpoint. Vectors are L2-normalised so cosine similarity is a dot product.
 */
export interface Embedder {
  /** Stable name of the backend, e.g. "local-lsa" or "openai:text-embedding-3-small". */
  readonly id: string;
  /** Changes whenever the same text could embed differently; stored with every vector. */
  readonly version: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/**
 * An embedder whose model is learnt from the pool itself. `fit` replaces the model (and its version),
 * after which every stored vector must be recomputed; `serialize` gives bytes the service can persist.
 */
export interface FittableEmbedder extends Embedder {
  fit(corpusTexts: string[]): Promise<void>;
  serialize(): Uint8Array;
}

export function isFittable(embedder: Embedder): embedder is FittableEmbedder {
  return 'fit' in embedder && typeof (embedder as Partial<FittableEmbedder>).fit === 'function';
}

export function l2Normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / norm;
  return v;
}

import { type Scored, topK } from './top-k.ts';

/** Dot product of unit vectors, i.e. cosine similarity; shared with the pgvector/Qdrant backends' checks. */
export function cosine(a: Float32Array, b: Float32Array, bOffset = 0): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[bOffset + i] ?? 0);
  return dot;
}

/**
 * Brute-force cosine top-k over one contiguous Float32Array. At 256 dimensions a 100k pool is 25.6M
 * multiply-adds per query (~20 ms in V8), which is the budget; past that, the Qdrant backend takes over.
 */
export class DenseIndex {
  private matrix: Float32Array;
  private count = 0;

  constructor(readonly dimensions: number) {
    this.matrix = new Float32Array(dimensions * 1024);
  }

  get size(): number {
    return this.count;
  }

  add(vectors: readonly Float32Array[]): void {
    const needed = (this.count + vectors.length) * this.dimensions;
    if (needed > this.matrix.length) {
      const grown = new Float32Array(Math.max(needed, this.matrix.length * 2));
      grown.set(this.matrix.subarray(0, this.count * this.dimensions));
      this.matrix = grown;
    }
    for (const v of vectors) {
      if (v.length !== this.dimensions) throw new Error(`expected ${this.dimensions} dimensions, got ${v.length}`);
      this.matrix.set(v, this.count * this.dimensions);
      this.count++;
    }
  }

  scores(query: Float32Array): Float64Array {
    const out = new Float64Array(this.count);
    for (let doc = 0; doc < this.count; doc++) out[doc] = cosine(query, this.matrix, doc * this.dimensions);
    return out;
  }

  search(query: Float32Array, k: number): Scored[] {
    return topK(this.scores(query), k, false);
  }
}

/**
 * BM25 scoring, split into pure functions so the PostgreSQL and Qdrant backends can score with the
 * exact same formula, and an in-memory inverted index for the embedded deployment and evaluation.
 */

export interface Bm25Params {
  k1: number;
  b: number;
}

/** Robertson–Spärck Jones IDF with +1 inside the log so very common terms never score negative. */
export function bm25Idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

export function bm25TermFrequency(tf: number, docLength: number, avgDocLength: number, p: Bm25Params): number {
  const norm = p.k1 * (1 - p.b + (p.b * docLength) / Math.max(avgDocLength, 1e-9));
  return (tf * (p.k1 + 1)) / (tf + norm);
}

/** Query term → weight; weights let expanded (PRF) terms count less than the need's own words. */
export type WeightedQuery = Map<string, number>;

/** Postings a term keeps in the field's shared slab before it gets arrays of its own. */
const SMALL = 4;

/** One field's postings. Documents are dense internal numbers assigned by the caller in order. */
export class Bm25Field {
  private readonly termIds = new Map<string, number>();
  // Typed posting lists: at 100k documents there are tens of millions of postings, and plain arrays of numbers
  // would cost several times the memory and keep the garbage collector busy. Most terms (a bigram, a rare
  // word) occur in a handful of documents, so a term's first SMALL postings live in one slab shared by all
  // terms (at id × SMALL) and only a term that outgrows it allocates arrays of its own: two typed arrays per
  // term had made adding a document mostly allocation, and held most of the index's memory in array headers.
  private smallDocs = new Int32Array(SMALL * 1024);
  private smallTfs = new Uint16Array(SMALL * 1024);
  private readonly postingDocs: (Int32Array | undefined)[] = [];
  private readonly postingTfs: (Uint16Array | undefined)[] = [];
  private readonly postingLengths: number[] = [];
  private readonly docLengths: number[] = [];
  private totalLength = 0;
  /** k1·(1 − b + b·len/avg) per document; depends on the average length, so rebuilt when the pool changes. */
  private norms = new Float64Array(0);
  private normsFor = -1;

  constructor(readonly params: Bm25Params) {}

  get docCount(): number {
    return this.docLengths.length;
  }

  /** Must be called with doc = docCount, i.e. documents are appended in order. */
  addDocument(doc: number, terms: readonly string[]): void {
    if (doc !== this.docLengths.length) throw new Error(`documents must be appended in order: ${doc}`);
    // One pass, no per-document map: a term seen again in this document bumps its last posting's tf.
    for (const term of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.postingLengths.length;
        this.termIds.set(term, id);
        this.postingLengths.push(0);
        this.postingDocs.push(undefined);
        this.postingTfs.push(undefined);
        if ((id + 1) * SMALL > this.smallDocs.length) this.growSlab();
      }
      const length = this.postingLengths[id] ?? 0;
      const own = this.postingDocs[id];
      const docs = own ?? this.smallDocs;
      const tfs = this.postingTfs[id] ?? this.smallTfs;
      const last = (own ? 0 : id * SMALL) + length - 1;
      if (length > 0 && docs[last] === doc) {
        tfs[last] = Math.min((tfs[last] ?? 0) + 1, 65_535);
      } else {
        this.appendPosting(id, doc);
      }
    }
    this.docLengths.push(terms.length);
    this.totalLength += terms.length;
  }

  private growSlab(): void {
    const docs = new Int32Array(this.smallDocs.length * 2);
    docs.set(this.smallDocs);
    const tfs = new Uint16Array(this.smallTfs.length * 2);
    tfs.set(this.smallTfs);
    this.smallDocs = docs;
    this.smallTfs = tfs;
  }

  private appendPosting(id: number, doc: number): void {
    const length = this.postingLengths[id] ?? 0;
    this.postingLengths[id] = length + 1;
    if (length < SMALL) {
      this.smallDocs[id * SMALL + length] = doc;
      this.smallTfs[id * SMALL + length] = 1;
      return;
    }
    let docs = this.postingDocs[id];
    let tfs = this.postingTfs[id];
    if (!docs || !tfs || length === docs.length) {
      // Out of the slab (or out of room): move to arrays of twice the size.
      const grownDocs = new Int32Array(length * 2);
      const grownTfs = new Uint16Array(length * 2);
      if (docs && tfs) {
        grownDocs.set(docs);
        grownTfs.set(tfs);
      } else {
        grownDocs.set(this.smallDocs.subarray(id * SMALL, id * SMALL + SMALL));
        grownTfs.set(this.smallTfs.subarray(id * SMALL, id * SMALL + SMALL));
      }
      docs = grownDocs;
      tfs = grownTfs;
      this.postingDocs[id] = docs;
      this.postingTfs[id] = tfs;
    }
    docs[length] = doc;
    tfs[length] = 1;
  }

  docFreq(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.postingLengths[id] ?? 0);
  }

  idf(term: string): number {
    return bm25Idf(this.docCount, this.docFreq(term));
  }

  /** Adds weight × BM25 of every query term into `scores` (one slot per document). */
  accumulate(query: WeightedQuery, scores: Float64Array, weight = 1): void {
    const n = this.docCount;
    if (n === 0) return;
    const norms = this.documentNorms();
    const k1 = this.params.k1;
    for (const [term, qWeight] of query) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const own = this.postingDocs[id];
      const docs = own ?? this.smallDocs;
      const tfs = this.postingTfs[id] ?? this.smallTfs;
      const start = own ? 0 : id * SMALL;
      const length = this.postingLengths[id] ?? 0;
      // bm25TermFrequency, with the per-document part precomputed: this loop is the whole query cost.
      const factor = bm25Idf(n, length) * qWeight * weight * (k1 + 1);
      for (let i = start; i < start + length; i++) {
        const doc = docs[i] ?? 0;
        const tf = tfs[i] ?? 0;
        scores[doc] = (scores[doc] ?? 0) + (factor * tf) / (tf + (norms[doc] ?? 0));
      }
    }
  }

  private documentNorms(): Float64Array {
    const n = this.docLengths.length;
    const key = n * 1e9 + this.totalLength;
    if (this.normsFor === key) return this.norms;
    const avg = Math.max(this.totalLength / n, 1e-9);
    const { k1, b } = this.params;
    const norms = new Float64Array(n);
    for (let doc = 0; doc < n; doc++) norms[doc] = k1 * (1 - b + (b * (this.docLengths[doc] ?? 0)) / avg);
    this.norms = norms;
    this.normsFor = key;
    return norms;
  }
}

/**
 * A query term's weight grows with the log of its count (1 + ln tf), not linearly. A paper title rarely
 * repeats a term, but a need written by a practitioner does — 乳剂 four times, and in the character view 的,
 * 分 and 一 a dozen times — and linear counts let those repeats outvote the terms that name the problem.
 * Measured (ADR 0006): needs-dev nDCG@10 0.9155 → 0.9346, dev unchanged at 0.9727; binary weights gave
 * needs-dev 0.9392 but cost dev 0.0004, and BM25's k3 saturation (k3 = 1) sat between the two.
 */
export function queryFromTerms(terms: readonly string[]): WeightedQuery {
  const q: WeightedQuery = new Map();
  for (const t of terms) q.set(t, (q.get(t) ?? 0) + 1);
  for (const [t, tf] of q) q.set(t, 1 + Math.log(tf));
  return q;
}

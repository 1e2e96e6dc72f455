import { createHash } from 'node:crypto';
import { l2Normalize } from './embedder.ts';
import type { SparseRows } from './linalg.ts';
import { randomizedSvd } from './randomized-svd.ts';

export interface LsaParams {
  dimensions: number;
  /** Most frequent terms kept; bounds the model to dimensions × maxVocabulary floats. */
  maxVocabulary: number;
  /** Terms seen in fewer documents carry no co-occurrence signal, only noise. */
  minDocFreq: number;
  /** Terms in more than this share of documents are boilerplate. */
  maxDocFreqRatio: number;
  /** A bigger pool is sampled down to this many documents for fitting, keeping refits bounded. */
  maxFitDocuments: number;
  oversample: number;
  powerIterations: number;
  seed: number;
}

export const DEFAULT_LSA_PARAMS: LsaParams = {
  dimensions: 256,
  maxVocabulary: 60_000,
  minDocFreq: 2,
  maxDocFreqRatio: 0.5,
  maxFitDocuments: 30_000,
  oversample: 16,
  powerIterations: 2,
  seed: 20_240_601,
};

export interface LsaModel {
  params: LsaParams;
  terms: string[];
  idf: Float32Array;
  /** terms × dimensions, row-major: the term's coordinates in the latent space. */
  projection: Float32Array;
  version: string;
}

function countDocFreq(docs: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/** Sublinear tf × idf, L2-normalised: long abstracts must not dominate the latent axes. */
function weightRow(terms: readonly string[], index: ReadonlyMap<string, number>, idf: Float32Array) {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const id = index.get(t);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = [...counts.keys()].sort((a, b) => a - b);
  const values = ids.map((id) => (1 + Math.log(counts.get(id) ?? 1)) * (idf[id] ?? 0));
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return { ids, values: values.map((v) => v / norm) };
}

function sampleEvenly<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

function versionOf(params: LsaParams, terms: readonly string[], projection: Float32Array): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(params));
  hash.update(terms.join('\n'));
  hash.update(new Uint8Array(projection.buffer, projection.byteOffset, projection.byteLength));
  return `lsa-${params.dimensions}-${hash.digest('hex').slice(0, 12)}`;
}

/** Latent semantic analysis: a truncated SVD of the pool's tf-idf matrix, learnt from analysed terms. */
export function fitLsa(corpus: readonly (readonly string[])[], params: LsaParams = DEFAULT_LSA_PARAMS): LsaModel {
  const docs = sampleEvenly(corpus, params.maxFitDocuments);
  const df = countDocFreq(docs);
  const maxDf = Math.max(params.minDocFreq, params.maxDocFreqRatio * docs.length);
  const terms = [...df.entries()]
    .filter(([, f]) => f >= params.minDocFreq && f <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, params.maxVocabulary)
    .map(([t]) => t);
  const index = new Map(terms.map((t, i) => [t, i]));
  const idf = Float32Array.from(terms, (t) => Math.log((docs.length + 1) / ((df.get(t) ?? 0) + 1)) + 1);
  const rows = docs.map((d) => weightRow(d, index, idf));
  const nnz = rows.reduce((s, r) => s + r.ids.length, 0);
  const x: SparseRows = {
    rows: rows.length,
    cols: terms.length,
    rowPtr: new Int32Array(rows.length + 1),
    colIdx: new Int32Array(nnz),
    values: new Float32Array(nnz),
  };
  let p = 0;
  for (const [r, row] of rows.entries()) {
    x.colIdx.set(row.ids, p);
    x.values.set(row.values, p);
    p += row.ids.length;
    x.rowPtr[r + 1] = p;
  }
  const { v } = randomizedSvd(x, {
    rank: params.dimensions,
    oversample: params.oversample,
    powerIterations: params.powerIterations,
    seed: params.seed,
  });
  const projection = new Float32Array(terms.length * params.dimensions);
  for (let i = 0; i < v.rows; i++) {
    for (let j = 0; j < Math.min(v.cols, params.dimensions); j++) {
      projection[i * params.dimensions + j] = v.data[i * v.cols + j] ?? 0;
    }
  }
  return { params, terms, idf, projection, version: versionOf(params, terms, projection) };
}

const termIndexCache = new WeakMap<LsaModel, Map<string, number>>();

/** Folds a new text into the latent space: its tf-idf row times the term projection. */
export function embedTerms(model: LsaModel, terms: readonly string[]): Float32Array {
  let index = termIndexCache.get(model);
  if (!index) {
    index = new Map(model.terms.map((t, i) => [t, i]));
    termIndexCache.set(model, index);
  }
  const dims = model.params.dimensions;
  const out = new Float32Array(dims);
  const row = weightRow(terms, index, model.idf);
  for (const [k, id] of row.ids.entries()) {
    const w = row.values[k] ?? 0;
    const base = id * dims;
    for (let j = 0; j < dims; j++) out[j] = (out[j] ?? 0) + w * (model.projection[base + j] ?? 0);
  }
  return l2Normalize(out);
}

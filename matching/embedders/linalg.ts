/** The little dense/sparse linear algebra the LSA fit needs; no BLAS is available offline. */

/** Compressed sparse rows: row r holds cols[rowPtr[r]..rowPtr[r+1]) with matching values. */
export interface SparseRows {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
}

/** Row-major dense matrix. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function dense(rows: number, cols: number): Dense {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Deterministic PRNG (mulberry32) so a refit on the same pool yields the same model and version. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rows: number, cols: number, seed: number): Dense {
  const rand = seededRandom(seed);
  const m = dense(rows, cols);
  for (let i = 0; i < m.data.length; i += 2) {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    m.data[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < m.data.length) m.data[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return m;
}

/** X · M, X sparse (n × t), M dense (t × l). */
export function sparseTimesDense(x: SparseRows, m: Dense): Dense {
  const l = m.cols;
  const out = dense(x.rows, l);
  for (let r = 0; r < x.rows; r++) {
    const base = r * l;
    for (let p = x.rowPtr[r] ?? 0; p < (x.rowPtr[r + 1] ?? 0); p++) {
      const val = x.values[p] ?? 0;
      const src = (x.colIdx[p] ?? 0) * l;
      for (let j = 0; j < l; j++) out.data[base + j] = (out.data[base + j] ?? 0) + val * (m.data[src + j] ?? 0);
    }
  }
  return out;
}

/** Xᵀ · Y, X sparse (n × t), Y dense (n × l). */
export function sparseTransposeTimesDense(x: SparseRows, y: Dense): Dense {
  const l = y.cols;
  const out = dense(x.cols, l);
  for (let r = 0; r < x.rows; r++) {
    const src = r * l;
    for (let p = x.rowPtr[r] ?? 0; p < (x.rowPtr[r + 1] ?? 0); p++) {
      const val = x.values[p] ?? 0;
      const dst = (x.colIdx[p] ?? 0) * l;
      for (let j = 0; j < l; j++) out.data[dst + j] = (out.data[dst + j] ?? 0) + val * (y.data[src + j] ?? 0);
    }
  }
  return out;
}

/** Aᵀ · A for a tall dense A (n × l) → l × l. */
export function gram(a: Dense): Dense {
  const l = a.cols;
  const g = dense(l, l);
  for (let r = 0; r < a.rows; r++) {
    const base = r * l;
    for (let i = 0; i < l; i++) {
      const ai = a.data[base + i] ?? 0;
      if (ai === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g.data[gi + j] = (g.data[gi + j] ?? 0) + ai * (a.data[base + j] ?? 0);
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g.data[i * l + j] = g.data[j * l + i] ?? 0;
  return g;
}

/** Aᵀ · B for two tall matrices with the same number of rows (n × l, n × m) → l × m. */
export function transposeTimes(a: Dense, b: Dense): Dense {
  const out = dense(a.cols, b.cols);
  for (let r = 0; r < a.rows; r++) {
    for (let i = 0; i < a.cols; i++) {
      const ai = a.data[r * a.cols + i] ?? 0;
      if (ai === 0) continue;
      const dst = i * b.cols;
      const src = r * b.cols;
      for (let j = 0; j < b.cols; j++) out.data[dst + j] = (out.data[dst + j] ?? 0) + ai * (b.data[src + j] ?? 0);
    }
  }
  return out;
}

/** A (n × l) · B (l × m). */
export function multiply(a: Dense, b: Dense): Dense {
  const out = dense(a.rows, b.cols);
  for (let r = 0; r < a.rows; r++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[r * a.cols + k] ?? 0;
      if (v === 0) continue;
      const src = k * b.cols;
      const dst = r * b.cols;
      for (let j = 0; j < b.cols; j++) out.data[dst + j] = (out.data[dst + j] ?? 0) + v * (b.data[src + j] ?? 0);
    }
  }
  return out;
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Returns eigenvalues in
 * descending order and the matching eigenvectors as columns of a row-major matrix.
 */
export function symmetricEigen(input: Dense, maxSweeps = 30): { values: Float64Array; vectors: Dense } {
  const n = input.rows;
  const a = Float64Array.from(input.data);
  const v = dense(n, n);
  for (let i = 0; i < n; i++) v.data[i * n + i] = 1;
  const at = (i: number, j: number) => a[i * n + j] ?? 0;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += at(i, j) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v.data[k * n + p] ?? 0;
          const vkq = v.data[k * n + q] ?? 0;
          v.data[k * n + p] = c * vkp - s * vkq;
          v.data[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => at(j, j) - at(i, i));
  const values = Float64Array.from(order, (i) => at(i, i));
  const vectors = dense(n, n);
  for (let r = 0; r < n; r++) {
    for (const [c, src] of order.entries()) vectors.data[r * n + c] = v.data[r * n + src] ?? 0;
  }
  return { values, vectors };
}

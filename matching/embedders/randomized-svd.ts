import {
  type Dense,
  dense,
  gaussian,
  gram,
  multiply,
  type SparseRows,
  sparseTimesDense,
  sparseTransposeTimesDense,
  symmetricEigen,
  transposeTimes,
} from './linalg.ts';

export interface SvdParams {
  rank: number;
  oversample: number;
  powerIterations: number;
  seed: number;
}

/**
 * Orthonormal basis of the column space of a tall Y (n × l) via the eigenvectors of YᵀY; cheaper than
 * Householder QR in plain JS and accurate enough when repeated inside power iterations.
 */
function orthonormalize(y: Dense): Dense {
  const { values, vectors } = symmetricEigen(gram(y));
  const l = y.cols;
  const scale = dense(l, l);
  const floor = (values[0] ?? 0) * 1e-12;
  for (let r = 0; r < l; r++) {
    for (let c = 0; c < l; c++) {
      const lambda = values[c] ?? 0;
      scale.data[r * l + c] = lambda > floor ? (vectors.data[r * l + c] ?? 0) / Math.sqrt(lambda) : 0;
    }
  }
  return multiply(y, scale);
}

/**
 * Top right singular vectors and values of a sparse X (Halko, Martinsson & Tropp 2011). Returns
 * V (t × rank, row-major) and the singular values, largest first.
 */
export function randomizedSvd(x: SparseRows, params: SvdParams): { v: Dense; singular: Float64Array } {
  const l = Math.min(params.rank + params.oversample, x.cols, x.rows);
  let q = orthonormalize(sparseTimesDense(x, gaussian(x.cols, l, params.seed)));
  // Only the document-side basis is re-orthonormalised: the term side has ~5× more rows, and in
  // double precision two iterations do not lose rank without it.
  for (let i = 0; i < params.powerIterations; i++) {
    q = orthonormalize(sparseTimesDense(x, sparseTransposeTimesDense(x, q)));
  }
  // B = Qᵀ X (l × t). B Bᵀ = Qᵀ (X Xᵀ Q) is computed on the document side, which is the smaller one.
  const bt = sparseTransposeTimesDense(x, q);
  const { values, vectors } = symmetricEigen(transposeTimes(q, sparseTimesDense(x, bt)));
  const rank = Math.min(params.rank, l);
  const singular = new Float64Array(rank);
  const w = dense(l, rank);
  for (let c = 0; c < rank; c++) {
    const sigma = Math.sqrt(Math.max(values[c] ?? 0, 0));
    singular[c] = sigma;
    for (let r = 0; r < l; r++) w.data[r * rank + c] = sigma > 0 ? (vectors.data[r * l + c] ?? 0) / sigma : 0;
  }
  // V = Bᵀ U_B Σ⁻¹ = Xᵀ (Q U_B Σ⁻¹): again the n-row product first, then one sparse pass.
  return { v: sparseTransposeTimesDense(x, multiply(q, w)), singular };
}

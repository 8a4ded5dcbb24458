import { RegressionError } from './errors';
import { householderQR, jacobiSVD, upperFactor } from './linalg';

export interface PcaResult {
  /** Unit principal directions, largest variance first (each of length d; sign: largest entry positive). */
  components: number[][];
  /** Variance along each component (singular value² / (n - 1)). */
  explainedVariance: number[];
  /** Share of the total variance along each component. */
  explainedVarianceRatio: number[];
  singularValues: number[];
  /** The column means that were subtracted. */
  mean: number[];
}

/**
 * Principal components by SVD of the centred data: a QR factorisation first (so the SVD works on
 * a small d×d triangle when n ≥ d), then one-sided Jacobi. `components` limits how many are returned.
 */
export function pca(X: number[][], options: { components?: number } = {}): PcaResult {
  const n = X.length;
  if (n < 2) throw new RegressionError('too-few-rows', 'PCA needs at least 2 rows.', { rows: n });
  const d = X[0].length;
  const cols: Float64Array[] = [];
  const mean: number[] = [];
  for (let j = 0; j < d; j++) {
    const c = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i][j];
      if (!Number.isFinite(v)) {
        throw new RegressionError('non-finite', `Row ${i + 1}, column ${j + 1} is not a finite number.`, {
          row: i + 1,
          column: j + 1,
        });
      }
      c[i] = v;
      s += v;
    }
    const m = s / n;
    for (let i = 0; i < n; i++) c[i] -= m;
    mean.push(m);
    cols.push(c);
  }
  const svd = n >= d ? jacobiSVD(upperFactor(householderQR(cols, false), d)) : jacobiSVD(cols);
  const keep = Math.min(options.components ?? d, d, n);
  const variances = svd.s.map((s) => (s * s) / (n - 1));
  const total = variances.reduce((a, b) => a + b, 0);
  return {
    components: svd.v.slice(0, keep).map((v) => Array.from(v)),
    explainedVariance: variances.slice(0, keep),
    explainedVarianceRatio: variances.slice(0, keep).map((v) => (total > 0 ? v / total : 0)),
    singularValues: svd.s.slice(0, keep),
    mean,
  };
}

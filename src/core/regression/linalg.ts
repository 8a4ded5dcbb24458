/**
 * Dense linear algebra for least squares, on column-major storage (one Float64Array per column):
 * Householder QR with column pivoting, triangular solves, and a one-sided Jacobi SVD for small
 * matrices. Internal to core/regression: the public face is ols.ts, logistic.ts and pca.ts.
 */

const EPS = 2.220446049250313e-16;

/** Euclidean norm of v[from..], scaled so that huge or tiny entries neither overflow nor underflow. */
export function norm2(v: Float64Array, from = 0): number {
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a === 0) continue;
    if (scale < a) {
      const r = scale / a;
      ssq = 1 + ssq * r * r;
      scale = a;
    } else {
      const r = a / scale;
      ssq += r * r;
    }
  }
  return scale * Math.sqrt(ssq);
}

/** Dot product of a[from..] and b[from..]. */
export function dot(a: Float64Array, b: Float64Array, from = 0): number {
  let s = 0;
  for (let i = from; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * A Householder QR factorisation with column pivoting, A P = Q R. Column k of `cols` holds the
 * Householder vector u_k in rows k.. (so H_k = I - beta_k u_k u_k^T) and R's column k above the
 * diagonal in rows 0..k-1; the diagonal of R is `rdiag`. `perm[k]` is the original index of the
 * column in position k.
 */
export interface PivotedQR {
  readonly rows: number;
  readonly cols: Float64Array[];
  readonly rdiag: Float64Array;
  readonly beta: Float64Array;
  readonly perm: Int32Array;
}

/**
 * Factorises the columns in place (they are overwritten). Pivoting picks the column with the
 * largest remaining norm, so |R_kk| decreases and a rank decision can be read off the diagonal.
 * `pivot: false` keeps the column order (used where the order matters, e.g. an unpenalised intercept).
 */
export function householderQR(columns: Float64Array[], pivot = true): PivotedQR {
  const m = columns.length ? columns[0].length : 0;
  const n = columns.length;
  const cols = columns.slice();
  const steps = Math.min(m, n);
  const rdiag = new Float64Array(n);
  const beta = new Float64Array(n);
  const perm = new Int32Array(n);
  const norms = new Float64Array(n);
  const normsRef = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    perm[j] = j;
    norms[j] = normsRef[j] = norm2(cols[j]);
  }
  const tol3z = Math.sqrt(EPS);
  for (let k = 0; k < steps; k++) {
    if (pivot) {
      let best = k;
      for (let j = k + 1; j < n; j++) if (norms[j] > norms[best]) best = j;
      if (best !== k) {
        [cols[k], cols[best]] = [cols[best], cols[k]];
        [norms[k], norms[best]] = [norms[best], norms[k]];
        [normsRef[k], normsRef[best]] = [normsRef[best], normsRef[k]];
        [perm[k], perm[best]] = [perm[best], perm[k]];
      }
    }
    const u = cols[k];
    const normx = norm2(u, k);
    if (normx === 0) {
      rdiag[k] = 0;
      beta[k] = 0;
      continue;
    }
    const s = u[k] >= 0 ? normx : -normx;
    u[k] += s;
    const b = 1 / (s * u[k]);
    rdiag[k] = -s;
    beta[k] = b;
    for (let j = k + 1; j < n; j++) {
      const c = cols[j];
      let d = 0;
      for (let i = k; i < m; i++) d += u[i] * c[i];
      d *= b;
      if (d !== 0) for (let i = k; i < m; i++) c[i] -= d * u[i];
      if (pivot && norms[j] !== 0) {
        // Downdate the remaining norm (LAPACK xGEQP3); recompute when cancellation makes it unreliable.
        const r = Math.abs(c[k]) / norms[j];
        let t = 1 - r * r;
        t = t < 0 ? 0 : t;
        const ratio = norms[j] / normsRef[j];
        if (t * ratio * ratio <= tol3z) {
          norms[j] = norm2(c, k + 1);
          normsRef[j] = norms[j];
        } else {
          norms[j] *= Math.sqrt(t);
        }
      }
    }
  }
  return { rows: m, cols, rdiag, beta, perm };
}

/** y ← H_k y for the k-th Householder reflector. */
function reflect(qr: PivotedQR, k: number, y: Float64Array): void {
  const b = qr.beta[k];
  if (b === 0) return;
  const u = qr.cols[k];
  const m = qr.rows;
  let d = 0;
  for (let i = k; i < m; i++) d += u[i] * y[i];
  d *= b;
  for (let i = k; i < m; i++) y[i] -= d * u[i];
}

/** Overwrites y with Q^T y. */
export function applyQt(qr: PivotedQR, y: Float64Array): void {
  const steps = Math.min(qr.rows, qr.cols.length);
  for (let k = 0; k < steps; k++) reflect(qr, k, y);
}

/** Overwrites y with Q y (the inverse of applyQt). */
export function applyQ(qr: PivotedQR, y: Float64Array): void {
  const steps = Math.min(qr.rows, qr.cols.length);
  for (let k = steps - 1; k >= 0; k--) reflect(qr, k, y);
}

/** Entry R[i][j] (i <= j) of the triangular factor. */
export function rEntry(qr: PivotedQR, i: number, j: number): number {
  return i === j ? qr.rdiag[j] : qr.cols[j][i];
}

/** Numerical rank: the number of leading diagonal entries with |R_kk| > tol * |R_00|. */
export function numericalRank(qr: PivotedQR, tol: number): number {
  const n = Math.min(qr.rows, qr.cols.length);
  if (n === 0 || qr.rdiag[0] === 0) return 0;
  const ref = Math.abs(qr.rdiag[0]);
  let r = 0;
  while (r < n && Math.abs(qr.rdiag[r]) > tol * ref) r++;
  return r;
}

/** Solves R[0..r,0..r] x = b[0..r] by back substitution; returns x (length r). */
export function solveUpper(qr: PivotedQR, b: ArrayLike<number>, r: number): Float64Array {
  const x = new Float64Array(r);
  for (let i = r - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < r; j++) s -= rEntry(qr, i, j) * x[j];
    x[i] = s / qr.rdiag[i];
  }
  return x;
}

/** Solves R[0..r,0..r]^T x = b by forward substitution; returns x (length r). */
export function solveUpperTransposed(qr: PivotedQR, b: ArrayLike<number>, r: number): Float64Array {
  const x = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= rEntry(qr, j, i) * x[j];
    x[i] = s / qr.rdiag[i];
  }
  return x;
}

/** Inverse of the leading r×r block of R, as columns (R^{-1} is upper triangular). */
export function invertUpper(qr: PivotedQR, r: number): Float64Array[] {
  const inv: Float64Array[] = [];
  for (let j = 0; j < r; j++) {
    const e = new Float64Array(r);
    e[j] = 1;
    inv.push(solveUpper(qr, e, r));
  }
  return inv;
}

/** The singular value decomposition A = U diag(s) V^T of a small dense matrix (columns of A given). */
export interface SmallSVD {
  /** Singular values, largest first. */
  readonly s: number[];
  /** Left singular vectors as columns (only for non-zero singular values are they meaningful). */
  readonly u: Float64Array[];
  /** Right singular vectors as columns. */
  readonly v: Float64Array[];
}

/**
 * One-sided (Hestenes) Jacobi SVD: rotates pairs of columns until all are orthogonal. Accurate to
 * high relative precision and simple; meant for matrices with a few hundred columns at most.
 * Signs are fixed (largest |entry| of each v positive) so results are deterministic.
 */
export function jacobiSVD(columns: Float64Array[], maxSweeps = 60): SmallSVD {
  const n = columns.length;
  const a = columns.map((c) => Float64Array.from(c));
  const v: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    v.push(e);
  }
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const ai = a[i];
        const aj = a[j];
        const alpha = dot(ai, ai);
        const beta = dot(aj, aj);
        const gamma = dot(ai, aj);
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < ai.length; k++) {
          const x = ai[k];
          const y = aj[k];
          ai[k] = c * x - s * y;
          aj[k] = s * x + c * y;
        }
        const vi = v[i];
        const vj = v[j];
        for (let k = 0; k < n; k++) {
          const x = vi[k];
          const y = vj[k];
          vi[k] = c * x - s * y;
          vj[k] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const order = a.map((col, j) => ({ j, s: norm2(col) })).sort((p, q) => q.s - p.s || p.j - q.j);
  const s: number[] = [];
  const u: Float64Array[] = [];
  const vv: Float64Array[] = [];
  for (const { j, s: sj } of order) {
    const vj = v[j];
    const uj = a[j].map((x) => (sj > 0 ? x / sj : 0));
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(vj[k]) > Math.abs(vj[big]) + 1e-14) big = k;
    if (vj[big] < 0) {
      for (let k = 0; k < n; k++) vj[k] = -vj[k];
      for (let k = 0; k < uj.length; k++) uj[k] = -uj[k];
    }
    s.push(sj);
    u.push(uj);
    vv.push(vj);
  }
  return { s, u, v: vv };
}

/** The leading r×r block of R as columns (copies), e.g. for an SVD of R. */
export function upperFactor(qr: PivotedQR, r: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < r; j++) {
    const c = new Float64Array(r);
    for (let i = 0; i <= j; i++) c[i] = rEntry(qr, i, j);
    out.push(c);
  }
  return out;
}

export const MACHINE_EPSILON = EPS;

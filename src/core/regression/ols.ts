import { fSurvival, studentTTwoSidedP } from './distributions';
import { DD, SPLIT, ddAdd, ddAddProduct } from './doubleDouble';
import { RankDeficientError, RegressionError } from './errors';
import {
  MACHINE_EPSILON,
  PivotedQR,
  applyQ,
  applyQt,
  householderQR,
  invertUpper,
  jacobiSVD,
  norm2,
  numericalRank,
  rEntry,
  solveUpper,
  solveUpperTransposed,
  upperFactor,
} from './linalg';

export interface LinearRegressionOptions {
  /** Fit an intercept (default true). */
  intercept?: boolean;
  /** Names of the predictor columns, for messages and tables (default x1, x2, …). */
  names?: string[];
}

export interface RegressionWarning {
  code: 'near-singular';
  /** English text; the editor words it in the user's language from `code` and the numbers. */
  message: string;
  conditionNumber: number;
}

export interface LinearRegressionResult {
  /** Intercept first when `intercept` is true, then one per predictor column. */
  coefficients: number[];
  standardErrors: number[];
  residualStandardDeviation: number;
  /** Centred R² with an intercept; uncentred (about 0) without, as NIST and R define it. */
  rSquared: number;
  /** '(Intercept)' then the predictor names, aligned with `coefficients`. */
  names: string[];
  tStatistics: number[];
  /** Two-sided p-values of the t statistics. */
  pValues: number[];
  adjustedRSquared: number;
  /** F statistic of the model against the intercept-only model (or against zero without intercept). */
  fStatistic: number;
  fPValue: number;
  df: { model: number; residual: number };
  residualSumOfSquares: number;
  residuals: number[];
  fitted: number[];
  /**
   * 2-norm condition number of the matrix actually factorised: predictors centred (with an
   * intercept) and scaled to unit length. It bounds how many digits the fit can lose.
   */
  conditionNumber: number;
  warnings: RegressionWarning[];
  n: number;
  intercept: boolean;
}

/** Above this condition number a warning says the estimates may have lost digits. */
export const NEAR_SINGULAR_CONDITION = 1e8;

/**
 * Ordinary least squares by Householder QR with column pivoting on centred and unit-scaled
 * columns (never the normal equations). Throws RegressionError for unusable input (non-finite
 * values, ragged rows, too few rows, a constant column beside an intercept) and
 * RankDeficientError naming the collinear columns.
 */
export function fitLinearRegression(
  X: number[][],
  y: number[],
  options: LinearRegressionOptions = {},
): LinearRegressionResult {
  const intercept = options.intercept ?? true;
  const n = X.length;
  if (n === 0) throw new RegressionError('empty', 'There are no rows to fit.');
  if (y.length !== n) {
    throw new RegressionError('shape', `X has ${n} rows but y has ${y.length} values.`, { rows: n });
  }
  const k = X[0].length;
  const names = options.names ?? Array.from({ length: k }, (_, j) => `x${j + 1}`);
  if (k === 0) throw new RegressionError('shape', 'There are no predictor columns.');
  const p = k + (intercept ? 1 : 0);
  if (n <= p) {
    throw new RegressionError(
      'too-few-rows',
      `${n} rows are too few for ${p} coefficients: at least ${p + 1} are needed to estimate the error.`,
      { rows: n, parameters: p },
    );
  }
  // One pass over the rows: validate and copy into columns.
  const cols: Float64Array[] = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = X[i];
    if (!row || row.length !== k) {
      throw new RegressionError('ragged', `Row ${i + 1} has ${row ? row.length : 0} values; row 1 has ${k}.`, {
        row: i + 1,
      });
    }
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (!(typeof v === 'number' && v - v === 0)) {
        throw new RegressionError('non-finite', `Row ${i + 1}, column ${names[j]} is ${v}, not a finite number.`, {
          row: i + 1,
          column: j + 1,
          columnName: names[j],
        });
      }
      cols[j][i] = v;
    }
    const yi = y[i];
    if (!(typeof yi === 'number' && yi - yi === 0)) {
      throw new RegressionError('non-finite', `Row ${i + 1} of y is ${yi}, not a finite number.`, { row: i + 1 });
    }
  }
  const means = new Float64Array(k);
  if (intercept) {
    for (let j = 0; j < k; j++) {
      const c = cols[j];
      let constant = true;
      for (let i = 1; i < n && constant; i++) if (c[i] !== c[0]) constant = false;
      if (constant) {
        throw new RegressionError(
          'constant-column',
          `Column ${names[j]} is constant (${c[0]}): beside the intercept it carries no information.`,
          { column: j + 1, columnName: names[j], columns: [names[j]] },
        );
      }
      means[j] = centre(c);
    }
  }
  const yc = Float64Array.from(y);
  const yMean = intercept ? centre(yc) : 0;
  const scales = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const s = norm2(cols[j]);
    scales[j] = s;
    if (s > 0) for (let i = 0; i < n; i++) cols[j][i] /= s;
  }
  const qr = householderQR(cols);
  const rank = numericalRank(qr, Math.max(n, k) * MACHINE_EPSILON * 10);
  if (rank < k) throw rankDeficiency(qr, rank, names);

  const qty = Float64Array.from(yc);
  applyQt(qr, qty);
  const bPerm = solveUpper(qr, qty, k);
  const slopes = new Array<number>(k);
  for (let j = 0; j < k; j++) slopes[qr.perm[j]] = bPerm[j] / scales[qr.perm[j]];

  // Residuals of the centred, scaled problem, r = Q [0; (Qᵀy)_tail]: no cancellation against a large intercept.
  const residuals = new Float64Array(n);
  for (let i = k; i < n; i++) residuals[i] = qty[i];
  applyQ(qr, residuals);
  let b0 = 0;
  if (intercept) {
    // b0 = ȳ - Σ b_j x̄_j, summed with a compensation term.
    const acc: DD = { hi: yMean, lo: 0 };
    for (let j = 0; j < k; j++) ddAddProduct(acc, -slopes[j], means[j]);
    b0 = acc.hi + acc.lo;
  }
  b0 = refine({ X, y, intercept, qr, scales, means, slopes, b0, residuals });

  // The residual variance from the refined residuals (exactly 0 for an exact fit such as Wampler1).
  let sse = 0;
  let sseLo = 0;
  for (let i = 0; i < n; i++) {
    // Compensated (Kahan–Babuška) sum of squares.
    const sq = residuals[i] * residuals[i];
    const t = sse + sq;
    sseLo += Math.abs(sse) >= sq ? sse - t + sq : sq - t + sse;
    sse = t;
  }
  sse += sseLo;
  let ssReg = 0;
  for (let i = 0; i < k; i++) ssReg += qty[i] * qty[i];
  const dfResidual = n - p;
  const sigma2 = sse / dfResidual;
  const sigma = Math.sqrt(sigma2);

  const inv = invertUpper(qr, k);
  const slopeSE = new Array<number>(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let l = j; l < k; l++) s += inv[l][j] * inv[l][j];
    slopeSE[qr.perm[j]] = (sigma * Math.sqrt(s)) / scales[qr.perm[j]];
  }

  const coefficients: number[] = [];
  const standardErrors: number[] = [];
  if (intercept) {
    // Var(b0) = σ²(1/n + ‖R^{-T} w‖²) with w the scaled means in pivot order.
    const w = new Float64Array(k);
    for (let j = 0; j < k; j++) w[j] = means[qr.perm[j]] / scales[qr.perm[j]];
    const z = solveUpperTransposed(qr, w, k);
    const zz = norm2(z);
    coefficients.push(b0);
    standardErrors.push(sigma * Math.sqrt(1 / n + zz * zz));
  }
  coefficients.push(...slopes);
  standardErrors.push(...slopeSE);
  // Plain arrays for the result, filled by a loop (Array.from on a typed array is many times slower).
  const fitted = new Array<number>(n);
  const residualList = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    residualList[i] = residuals[i];
    fitted[i] = y[i] - residuals[i];
  }

  const tStatistics = coefficients.map((b, j) => ratio(b, standardErrors[j]));
  const pValues = tStatistics.map((t) => (t === 0 ? 1 : studentTTwoSidedP(t, dfResidual)));
  const sst = ssReg + sse;
  const rSquared = sst > 0 ? ssReg / sst : 1;
  const oneMinusR2 = sst > 0 ? sse / sst : 0;
  const adjustedRSquared = 1 - (oneMinusR2 * (n - (intercept ? 1 : 0))) / dfResidual;
  const fStatistic = ratio(ssReg / k, sigma2);
  const fPValue = fStatistic === 0 ? 1 : fSurvival(fStatistic, k, dfResidual);

  const sv = jacobiSVD(upperFactor(qr, k)).s;
  const conditionNumber = sv[sv.length - 1] > 0 ? sv[0] / sv[sv.length - 1] : Infinity;
  const warnings: RegressionWarning[] = [];
  if (conditionNumber > NEAR_SINGULAR_CONDITION) {
    warnings.push({
      code: 'near-singular',
      conditionNumber,
      message: `The design is nearly singular (condition number ${conditionNumber.toPrecision(3)}): up to ${Math.round(Math.log10(conditionNumber))} of about 16 significant digits may be lost.`,
    });
  }
  return {
    coefficients,
    standardErrors,
    residualStandardDeviation: sigma,
    rSquared,
    names: [...(intercept ? ['(Intercept)'] : []), ...names],
    tStatistics,
    pValues,
    adjustedRSquared,
    fStatistic,
    fPValue,
    df: { model: k, residual: dfResidual },
    residualSumOfSquares: sse,
    residuals: residualList,
    fitted,
    conditionNumber,
    warnings,
    n,
    intercept,
  };
}

interface RefineState {
  X: number[][];
  y: number[];
  intercept: boolean;
  qr: PivotedQR;
  scales: Float64Array;
  means: Float64Array;
  /** Updated in place. */
  slopes: number[];
  b0: number;
  /** Updated in place. */
  residuals: Float64Array;
}

/**
 * Iterative refinement of the augmented system [I A; Aᵀ 0][r; x] = [y; 0] (Björck), with the
 * residuals f = y - r - Ax and g = -Aᵀr accumulated in double-double on the ORIGINAL design and
 * the corrections solved with the centred, scaled QR. It recovers the digits lost when mapping
 * the centred solution back (small-residual problems such as Pontius and Wampler1 gain 2-5
 * digits). Returns the refined intercept; slopes and residuals are updated in place.
 */
function refine(st: RefineState, iterations = 3): number {
  const { X, y, intercept, qr, scales, means, slopes, residuals: r } = st;
  let b0 = st.b0;
  const n = X.length;
  const k = slopes.length;
  const f = new Float64Array(n);
  const gHi = new Float64Array(k);
  const gLo = new Float64Array(k);
  const negSlopes = new Float64Array(k);
  const split = SPLIT; // a local: imported bindings can cost a getter call per access in CommonJS builds
  for (let it = 0; it < iterations; it++) {
    gHi.fill(0);
    gLo.fill(0);
    for (let j = 0; j < k; j++) negSlopes[j] = -slopes[j];
    const g0: DD = { hi: 0, lo: 0 };
    const fSum: DD = { hi: 0, lo: 0 };
    const acc: DD = { hi: 0, lo: 0 };
    const gj: DD = { hi: 0, lo: 0 };
    for (let i = 0; i < n; i++) {
      const row = X[i];
      const ri = r[i];
      acc.hi = y[i];
      acc.lo = 0;
      ddAdd(acc, -ri);
      if (intercept) ddAdd(acc, -b0);
      // Inlined double-double products (this loop is the hot spot of refinement).
      let fh = acc.hi;
      let fl = acc.lo;
      const r1 = -ri * split;
      const rh = r1 - (r1 + ri);
      const rl = -ri - rh;
      for (let j = 0; j < k; j++) {
        const x = row[j];
        const x1 = x * split;
        const xh = x1 - (x1 - x);
        const xl = x - xh;
        // f -= b_j x
        const a = negSlopes[j];
        const p = a * x;
        const a1 = a * split;
        const ah = a1 - (a1 - a);
        const al = a - ah;
        const pe = ah * xh - p + ah * xl + al * xh + al * xl;
        let sum = fh + p;
        let bb = sum - fh;
        let lo = fl + (fh - (sum - bb) + (p - bb)) + pe;
        fh = sum + lo;
        fl = lo - (fh - sum);
        // g_j -= x r_i
        const q = x * -ri;
        const qe = xh * rh - q + xh * rl + xl * rh + xl * rl;
        const gh = gHi[j];
        sum = gh + q;
        bb = sum - gh;
        lo = gLo[j] + (gh - (sum - bb) + (q - bb)) + qe;
        gHi[j] = sum + lo;
        gLo[j] = lo - (gHi[j] - sum);
      }
      const fi = fh + fl;
      f[i] = fi;
      ddAdd(fSum, fi);
      ddAdd(g0, -ri);
    }
    // u = T^{-T} g, where A = [1, X] = [1, C] T and C holds the centred, scaled columns.
    const u = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      gj.hi = gHi[j];
      gj.lo = gLo[j];
      if (intercept) {
        ddAddProduct(gj, -means[j], g0.hi);
        ddAddProduct(gj, -means[j], g0.lo);
      }
      u[j] = (gj.hi + gj.lo) / scales[j];
    }
    const u0 = g0.hi + g0.lo;
    const fMean = intercept ? (fSum.hi + fSum.lo) / n : 0;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = f[i] - fMean;
    applyQt(qr, v);
    const w = new Float64Array(k);
    for (let j = 0; j < k; j++) w[j] = u[qr.perm[j]];
    const h = solveUpperTransposed(qr, w, k);
    const rhs = new Float64Array(k);
    for (let j = 0; j < k; j++) rhs[j] = v[j] - h[j];
    const dz = solveUpper(qr, rhs, k);
    let change = 0;
    let db0 = intercept ? fMean - u0 / n : 0;
    for (let j = 0; j < k; j++) {
      const orig = qr.perm[j];
      const db = dz[j] / scales[orig];
      if (intercept) db0 -= means[orig] * db;
      change = Math.max(change, Math.abs(db) / (Math.abs(slopes[orig]) || 1));
      slopes[orig] += db;
    }
    b0 += db0;
    for (let j = 0; j < k; j++) v[j] = h[j];
    applyQ(qr, v);
    const shift = intercept ? u0 / n : 0;
    for (let i = 0; i < n; i++) r[i] += v[i] + shift;
    if (change <= MACHINE_EPSILON) break;
  }
  return b0;
}

/** a / b where b may be 0: ±∞ for a non-zero numerator, 0 for 0/0 (a perfect fit of a zero coefficient). */
function ratio(a: number, b: number): number {
  if (b !== 0) return a / b;
  return a === 0 ? 0 : a > 0 ? Infinity : -Infinity;
}

/** Subtracts the mean in place (two passes, so the mean is accurate) and returns the mean. */
function centre(c: Float64Array): number {
  const n = c.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += c[i];
  let m = s / n;
  let corr = 0;
  for (let i = 0; i < n; i++) corr += c[i] - m;
  m += corr / n;
  for (let i = 0; i < n; i++) c[i] -= m;
  return m;
}

/** Builds the error naming the dependent columns and the columns they depend on. */
function rankDeficiency(qr: PivotedQR, rank: number, names: string[]): RankDeficientError {
  const k = qr.cols.length;
  const dependent: string[] = [];
  const involved = new Set<number>();
  for (let j = rank; j < k; j++) {
    const orig = qr.perm[j];
    dependent.push(names[orig]);
    involved.add(orig);
    if (rank === 0) continue;
    // Solve R11 z = R12[:, j]: the dependent column ≈ Σ z_i (independent column i).
    const rhs = new Float64Array(rank);
    for (let i = 0; i < rank; i++) rhs[i] = rEntry(qr, i, j);
    const z = solveUpper(qr, rhs, rank);
    let big = 0;
    for (const v of z) big = Math.max(big, Math.abs(v));
    for (let i = 0; i < rank; i++) if (Math.abs(z[i]) > 1e-6 * big) involved.add(qr.perm[i]);
  }
  const ordered = [...involved].sort((a, b) => a - b).map((j) => names[j]);
  return new RankDeficientError(dependent, ordered, rank);
}

/**
 * Least-squares coefficients for many responses sharing one design (one factorisation), for
 * read-out fits inside the snippets. Columns of X and each y are given as arrays; no intercept
 * is added. Returns one coefficient vector per response.
 */
export function leastSquaresMany(columns: Float64Array[], responses: Float64Array[]): Float64Array[] {
  const k = columns.length;
  const n = columns[0]?.length ?? 0;
  const scales = columns.map((c) => norm2(c) || 1);
  const qr = householderQR(columns.map((c, j) => c.map((v) => v / scales[j])));
  const rank = numericalRank(qr, Math.max(n, k) * MACHINE_EPSILON * 10);
  return responses.map((y) => {
    const qty = Float64Array.from(y);
    applyQt(qr, qty);
    const b = solveUpper(qr, qty, rank);
    const out = new Float64Array(k);
    for (let j = 0; j < rank; j++) out[qr.perm[j]] = b[j] / scales[qr.perm[j]];
    return out;
  });
}

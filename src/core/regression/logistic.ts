import { RegressionError } from './errors';
import { applyQt, householderQR, solveUpper } from './linalg';

export interface LogisticRegressionOptions {
  /** Fit an (unpenalised) intercept (default true). */
  intercept?: boolean;
  /** L2 penalty λ on the non-intercept coefficients: maximises ℓ(β) - λ/2 ‖β‖² (default 0). */
  l2?: number;
  maxIterations?: number;
  /** Stop when the penalised log-likelihood changes by less than tolerance·(|ℓ|+1) (default 1e-10). */
  tolerance?: number;
}

/** How the Newton iterations ended, for the convergence report shown with probe results. */
export interface ConvergenceReport {
  converged: boolean;
  reason: 'converged' | 'max-iterations' | 'separation';
  iterations: number;
  /** Penalised log-likelihood at the end. */
  logLikelihood: number;
  /** Max-norm of the gradient of the penalised log-likelihood at the end. */
  gradientNorm: number;
  /** Step halvings taken in total (step control). */
  stepHalvings: number;
}

export interface LogisticRegressionResult {
  /** Intercept first when `intercept` is true. */
  coefficients: number[];
  intercept: boolean;
  convergence: ConvergenceReport;
}

/**
 * Logistic regression by Newton's method (IRLS) with step halving. Each Newton step solves the
 * weighted least-squares problem [W^½X; √λ I] Δ ≈ [W^{-½}(y-μ); -√λ β] by Householder QR, so the
 * normal equations are never formed. Without a penalty, perfectly separable data make the
 * coefficients diverge: that ends with reason 'separation' rather than looping.
 */
export function fitLogisticRegression(
  X: number[][],
  y: number[],
  options: LogisticRegressionOptions = {},
): LogisticRegressionResult {
  const intercept = options.intercept ?? true;
  const l2 = options.l2 ?? 0;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const n = X.length;
  if (n === 0) throw new RegressionError('empty', 'There are no rows to fit.');
  const k = X[0].length;
  const p = k + (intercept ? 1 : 0);
  const cols: Float64Array[] = [];
  if (intercept) cols.push(new Float64Array(n).fill(1));
  for (let j = 0; j < k; j++) cols.push(new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = X[i];
    if (row.length !== k)
      throw new RegressionError('ragged', `Row ${i + 1} has ${row.length} values; row 1 has ${k}.`, { row: i + 1 });
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(row[j])) {
        throw new RegressionError('non-finite', `Row ${i + 1}, column ${j + 1} is not a finite number.`, {
          row: i + 1,
          column: j + 1,
        });
      }
      cols[j + (intercept ? 1 : 0)][i] = row[j];
    }
    if (y[i] !== 0 && y[i] !== 1)
      throw new RegressionError('non-finite', `Label ${i + 1} is ${y[i]}, not 0 or 1.`, { row: i + 1 });
  }
  const penalised = (j: number) => l2 > 0 && !(intercept && j === 0);
  const eta = (beta: Float64Array) => {
    const e = new Float64Array(n);
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const c = cols[j];
      for (let i = 0; i < n; i++) e[i] += b * c[i];
    }
    return e;
  };
  const objective = (beta: Float64Array, e: Float64Array) => {
    let ll = 0;
    for (let i = 0; i < n; i++) ll += y[i] * e[i] - softplus(e[i]);
    for (let j = 0; j < p; j++) if (penalised(j)) ll -= (l2 / 2) * beta[j] * beta[j];
    return ll;
  };

  let beta = new Float64Array(p);
  let e = eta(beta);
  let ll = objective(beta, e);
  let iterations: number;
  let halvings = 0;
  let reason: ConvergenceReport['reason'] = 'max-iterations';
  const extraRows = l2 > 0 ? p : 0;
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    // Weighted least-squares system for the Newton direction.
    const m = n + extraRows;
    const A: Float64Array[] = cols.map(() => new Float64Array(m));
    const rhs = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(e[i]);
      const w = Math.max(mu * (1 - mu), 1e-12);
      const sw = Math.sqrt(w);
      for (let j = 0; j < p; j++) A[j][i] = sw * cols[j][i];
      rhs[i] = (y[i] - mu) / sw;
    }
    if (extraRows) {
      const sl = Math.sqrt(l2);
      for (let j = 0; j < p; j++) {
        if (!penalised(j)) continue;
        A[j][n + j] = sl;
        rhs[n + j] = -sl * beta[j];
      }
    }
    const qr = householderQR(A, false);
    applyQt(qr, rhs);
    const step = solveUpper(qr, rhs, p);
    // Step control: halve until the penalised log-likelihood does not decrease.
    let t = 1;
    let next = beta;
    let nextE = e;
    let nextLl = -Infinity;
    for (let h = 0; h < 40; h++) {
      next = beta.map((b, j) => b + t * step[j]);
      nextE = eta(next);
      nextLl = objective(next, nextE);
      if (nextLl >= ll - 1e-12 * Math.abs(ll)) break;
      t /= 2;
      halvings++;
    }
    const change = Math.abs(nextLl - ll);
    beta = next;
    e = nextE;
    const prev = ll;
    ll = nextLl;
    let bigCoef = 0;
    for (const b of beta) bigCoef = Math.max(bigCoef, Math.abs(b));
    if (l2 === 0 && bigCoef > 1e6) {
      reason = 'separation';
      break;
    }
    if (change <= tolerance * (Math.abs(prev) + 1)) {
      reason = 'converged';
      break;
    }
  }
  iterations = Math.min(iterations, maxIterations);
  // Gradient of the penalised log-likelihood: Xᵀ(y - μ) - λβ.
  let gradientNorm = 0;
  for (let j = 0; j < p; j++) {
    let g = 0;
    const c = cols[j];
    for (let i = 0; i < n; i++) g += c[i] * (y[i] - sigmoid(e[i]));
    if (penalised(j)) g -= l2 * beta[j];
    gradientNorm = Math.max(gradientNorm, Math.abs(g));
  }
  if (reason === 'converged' && l2 === 0 && ll > -1e-6) reason = 'separation';
  return {
    coefficients: Array.from(beta),
    intercept,
    convergence: {
      converged: reason === 'converged',
      reason,
      iterations,
      logLikelihood: ll,
      gradientNorm,
      stepHalvings: halvings,
    },
  };
}

/** Predicted probabilities P(y = 1 | x) for rows of X. */
export function predictLogistic(model: LogisticRegressionResult, X: number[][]): number[] {
  const b = model.coefficients;
  const off = model.intercept ? 1 : 0;
  return X.map((row) => {
    let e = model.intercept ? b[0] : 0;
    for (let j = 0; j < row.length; j++) e += b[j + off] * row[j];
    return sigmoid(e);
  });
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const z = Math.exp(x);
  return z / (1 + z);
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

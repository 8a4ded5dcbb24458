import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import * as fs from 'fs';
import * as path from 'path';
import { Random, fitLinearRegression } from '../src/core';
import { timeMs, type Figure } from './timing';

/** y = 1 + Σ (j+1)·x_j + noise on n × k standard-normal predictors, from a fixed seed. */
function dataset(n: number, k: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = new Array(n);
  const y: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(k);
    let s = 1;
    for (let j = 0; j < k; j++) {
      row[j] = rng.normal();
      s += (j + 1) * row[j];
    }
    X[i] = row;
    y[i] = s + rng.normal();
  }
  return { X, y };
}

/** Baseline: ml-regression-multivariate-linear (normal equations + SVD inverse), intercept moved first. */
function baselineCoefficients(X: number[][], y: number[], intercept = true): number[] {
  const m = new MultivariateLinearRegression(
    X,
    y.map((v) => [v]),
    { intercept },
  );
  const w = m.weights.map((r: number[]) => r[0]);
  return intercept ? [w[w.length - 1], ...w.slice(0, -1)] : w;
}

/** NIST datasets (same files and models as the unit test). */
const NIST = [
  'Norris',
  'Pontius',
  'NoInt1',
  'NoInt2',
  'Filip',
  'Longley',
  'Wampler1',
  'Wampler2',
  'Wampler3',
  'Wampler4',
  'Wampler5',
];
const DEGREE: Record<string, number | undefined> = {
  Norris: 1,
  Pontius: 2,
  NoInt1: 1,
  NoInt2: 1,
  Filip: 10,
  Wampler1: 5,
  Wampler2: 5,
  Wampler3: 5,
  Wampler4: 5,
  Wampler5: 5,
};

function loadNist(name: string) {
  const text = fs.readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'nist', `${name}.dat`), 'utf8');
  const lines = text.split(/\r?\n/);
  const certified = lines
    .map((l) => /^\s*B\d+\s+(\S+)\s+\S+\s*$/.exec(l))
    .filter((m) => m)
    .map((m) => Number(m![1]));
  const start = lines.findIndex((l) => /^Data:\s+y\b/.test(l)) + 1;
  const rows = lines
    .slice(start)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/).map(Number));
  const degree = DEGREE[name];
  const X = rows.map((r) =>
    degree === undefined ? r.slice(1) : Array.from({ length: degree }, (_, d) => r[1] ** (d + 1)),
  );
  return { X, y: rows.map((r) => r[0]), intercept: !name.startsWith('NoInt'), certified };
}

function digits(b: number[], c: number[]): number {
  return Math.min(
    ...c.map((cv, j) => {
      const err = cv === 0 ? Math.abs(b[j]) : Math.abs(b[j] - cv) / Math.abs(cv);
      return err === 0 ? 15 : Math.min(15, -Math.log10(err));
    }),
  );
}

/** Min digits over all NIST coefficient sets for a solver. */
function nistMinDigits(solve: (X: number[][], y: number[], intercept: boolean) => number[]): number {
  return Math.min(
    ...NIST.map((name) => {
      const d = loadNist(name);
      try {
        return digits(solve(d.X, d.y, d.intercept), d.certified);
      } catch {
        return 0;
      }
    }),
  );
}

const withOnes = (X: number[][], intercept: boolean) => (intercept ? X.map((r) => [1, ...r]) : X);
const mlMatrixQR = (X: number[][], y: number[], intercept: boolean) =>
  new QrDecomposition(new Matrix(withOnes(X, intercept))).solve(Matrix.columnVector(y)).getColumn(0);
const mlMatrixSVD = (X: number[][], y: number[], intercept: boolean) =>
  new SingularValueDecomposition(new Matrix(withOnes(X, intercept)), { autoTranspose: true })
    .solve(Matrix.columnVector(y))
    .getColumn(0);

export async function run(): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  const baselineName = 'ml-regression-multivariate-linear 2.0.4 (normal equations, statistics on)';

  const big = dataset(100_000, 10, 1);
  const own10 = timeMs(() => fitLinearRegression(big.X, big.y), 5, 1);
  const base10 = timeMs(() => baselineCoefficients(big.X, big.y), 3, 1);
  out['ols_100000x10_ms'] = {
    value: own10,
    unit: 'ms',
    baseline: { name: baselineName, value: base10 },
    ratio: own10 / base10,
    note: 'fitLinearRegression computes coefficients, standard errors, t, p, R², F, residuals, condition number and 2-3 refinement steps',
  };
  const qr10 = timeMs(() => mlMatrixQR(big.X, big.y, true), 3, 1);
  out['ols_100000x10_vs_ml_matrix_qr_ms'] = {
    value: own10,
    unit: 'ms',
    baseline: { name: 'ml-matrix 6.15.1 QrDecomposition.solve (coefficients only)', value: qr10 },
    ratio: own10 / qr10,
  };

  const tall = dataset(1_000_000, 3, 2);
  const own3 = timeMs(() => fitLinearRegression(tall.X, tall.y), 3, 1);
  const base3 = timeMs(() => baselineCoefficients(tall.X, tall.y), 1, 0);
  out['ols_1000000x3_ms'] = {
    value: own3,
    unit: 'ms',
    baseline: { name: baselineName, value: base3 },
    ratio: own3 / base3,
    note: 'baseline timed once (it takes tens of seconds)',
  };

  const longley = loadNist('Longley');
  const ownLongley = digits(fitLinearRegression(longley.X, longley.y).coefficients, longley.certified);
  const baseLongley = digits(baselineCoefficients(longley.X, longley.y), longley.certified);
  out['longley_digits_correct'] = {
    value: Number(ownLongley.toFixed(2)),
    unit: 'digits (min over the 7 certified coefficients)',
    baseline: { name: baselineName, value: Number(baseLongley.toFixed(2)) },
    budget: '>= 9',
    note: 'no ratio: the baseline gets no digit right (its normal equations square the condition number)',
  };

  const own = nistMinDigits((X, y, intercept) => fitLinearRegression(X, y, { intercept }).coefficients);
  out['nist_min_digits_vs_ml_matrix_qr'] = {
    value: Number(own.toFixed(2)),
    unit: 'digits (min over the coefficients of all 11 NIST datasets)',
    baseline: {
      name: 'ml-matrix 6.15.1 QrDecomposition (unpivoted Householder) on [1, X]',
      value: Number(nistMinDigits(mlMatrixQR).toFixed(2)),
    },
  };
  out['nist_min_digits_vs_ml_matrix_svd'] = {
    value: Number(own.toFixed(2)),
    unit: 'digits (min over the coefficients of all 11 NIST datasets)',
    baseline: {
      name: 'ml-matrix 6.15.1 SingularValueDecomposition.solve on [1, X]',
      value: Number(nistMinDigits(mlMatrixSVD).toFixed(2)),
    },
  };
  out['nist_min_digits_vs_baseline'] = {
    value: Number(own.toFixed(2)),
    unit: 'digits (min over the coefficients of all 11 NIST datasets)',
    baseline: {
      name: baselineName,
      value: Number(nistMinDigits((X, y, i) => baselineCoefficients(X, y, i)).toFixed(2)),
    },
  };
  return out;
}

/**
 * Lesson 3: n sparse features stored in m < n dimensions, read back linearly and through a ReLU.
 * Errors are weighted by feature importance I_i = r^i, as in the loss of Elhage et al. (2022),
 * L = Σ_samples Σ_i I_i (f_i − f̂_i)²; r = 1 weighs every feature equally. (The lessons write the
 * feature activations f and their directions w_i; in the code below X holds the f's.)
 */
import { leastSquaresMany } from '../regression/ols';
import { Random } from '../regression/random';
import { SnippetConstraintError } from './errors';
import { formatNumber, t } from './format';
import { Cell, LocalText, ProgressReporter, SnippetParams, SnippetResult } from './types';

export const SPARSITY_LEVELS = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99];
/** Biases tried for the ReLU read-out: 0, -0.05, …, -1 (chosen on the training half). */
export const RELU_BIASES = Array.from({ length: 21 }, (_, i) => -i / 20);

interface Level {
  sparsity: number;
  activePerSample: number;
  linear: number;
  relu: number;
  bias: number;
}

export function runSuperposition(p: SnippetParams, title: LocalText, progress?: ProgressReporter): SnippetResult {
  const n = p.features;
  const m = p.dims;
  if (m >= n) {
    throw new SnippetConstraintError(
      'superposition-readout',
      t(
        `Superposition needs fewer dimensions than features: m = ${m} must be smaller than n = ${n}.`,
        `Chồng chập cần số chiều ít hơn số đặc trưng: m = ${m} phải nhỏ hơn n = ${n}.`,
      ),
    );
  }
  const r = p.importance;
  const I = Array.from({ length: n }, (_, f) => Math.pow(r, f));
  const rng = new Random(p.seed);
  // W: m × n, column f is feature f's unit direction.
  const W: number[][] = [];
  for (let f = 0; f < n; f++) {
    const v: number[] = [];
    for (let r = 0; r < m; r++) v.push(rng.normal());
    const len = Math.hypot(...v);
    W.push(v.map((x) => x / len));
  }
  let interference = 0;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) interference += Math.abs(W[a].reduce((s, x, r) => s + x * W[b][r], 0));
  interference /= (n * (n - 1)) / 2;

  const N = p.samples;
  const half = Math.floor(N / 2);
  const levels: Level[] = [];
  SPARSITY_LEVELS.forEach((S, li) => {
    const X: Float64Array[] = [];
    let active = 0;
    for (let i = 0; i < N; i++) {
      const x = new Float64Array(n);
      for (let f = 0; f < n; f++) {
        if (rng.uniform() < 1 - S) {
          x[f] = rng.uniform();
          active++;
        }
      }
      X.push(x);
    }
    const H = X.map((x) => {
      const h = new Float64Array(m);
      for (let f = 0; f < n; f++) if (x[f] !== 0) for (let r = 0; r < m; r++) h[r] += W[f][r] * x[f];
      return h;
    });
    // Linear least-squares read-out with intercept, fitted on the first half, scored on the second.
    // Each feature's read-out is fitted on its own, so the importance weights do not change the fit.
    const cols: Float64Array[] = [new Float64Array(half).fill(1)];
    for (let r = 0; r < m; r++) cols.push(Float64Array.from({ length: half }, (_, i) => H[i][r]));
    const targets = Array.from({ length: n }, (_, f) => Float64Array.from({ length: half }, (_, i) => X[i][f]));
    const B = leastSquaresMany(cols, targets);
    let errLinear = 0;
    let energy = 0;
    for (let i = half; i < N; i++) {
      for (let f = 0; f < n; f++) {
        let pred = B[f][0];
        for (let r = 0; r < m; r++) pred += B[f][r + 1] * H[i][r];
        errLinear += I[f] * (X[i][f] - pred) ** 2;
        energy += I[f] * X[i][f] ** 2;
      }
    }
    // ReLU read-out x̂_f = max(0, w_fᵀh + b): the bias that does best on the training half.
    const P = H.map((h) => {
      const row = new Float64Array(n);
      for (let f = 0; f < n; f++) {
        let s = 0;
        for (let r = 0; r < m; r++) s += W[f][r] * h[r];
        row[f] = s;
      }
      return row;
    });
    const reluError = (b: number, from: number, to: number) => {
      let e = 0;
      for (let i = from; i < to; i++) {
        const x = X[i];
        const pi = P[i];
        for (let f = 0; f < n; f++) e += I[f] * (x[f] - Math.max(0, pi[f] + b)) ** 2;
      }
      return e;
    };
    let bestB = 0;
    let bestE = Infinity;
    for (const b of RELU_BIASES) {
      const e = reluError(b, 0, half);
      if (e < bestE) {
        bestE = e;
        bestB = b;
      }
    }
    levels.push({
      sparsity: S,
      activePerSample: active / N,
      linear: energy > 0 ? errLinear / energy : NaN,
      relu: energy > 0 ? reluError(bestB, half, N) / energy : NaN,
      bias: bestB,
    });
    progress?.((li + 1) / SPARSITY_LEVELS.length);
  });
  const rows: Cell[][] = levels.map((l) => [l.sparsity, l.activePerSample, l.linear, l.relu, l.bias]);
  const first = levels[0];
  const last = levels[levels.length - 1];
  const finite = (pts: [number, number][]) => pts.filter(([, y]) => Number.isFinite(y));
  return {
    snippetId: 'superposition-readout',
    title,
    params: p,
    summary: [
      { label: t('Features n, dimensions m', 'Số đặc trưng n, số chiều m'), value: `${n}, ${m}` },
      {
        label: t('Importance of feature i: I_i = r^i, r =', 'Độ quan trọng của đặc trưng i: I_i = r^i, r ='),
        value: r,
      },
      {
        label: t(
          'Mean |cos| between feature directions (interference)',
          'Trung bình |cos| giữa các hướng đặc trưng (giao thoa)',
        ),
        value: interference,
      },
      {
        label: t(
          'Relative error, linear read-out: dense → sparsest',
          'Sai số tương đối, đọc tuyến tính: dày đặc → thưa nhất',
        ),
        value: `${formatNumber(first.linear)} → ${formatNumber(last.linear)}`,
      },
      {
        label: t('Relative error, ReLU read-out: dense → sparsest', 'Sai số tương đối, đọc ReLU: dày đặc → thưa nhất'),
        value: `${formatNumber(first.relu)} → ${formatNumber(last.relu)}`,
      },
    ],
    tables: [
      {
        title: t(
          'Read-out error against sparsity (error = Σ I_i (f_i − f̂_i)² / Σ I_i f_i² on held-out samples)',
          'Sai số đọc theo độ thưa (sai số = Σ I_i (f_i − f̂_i)² / Σ I_i f_i² trên mẫu giữ lại)',
        ),
        columns: [
          t('Sparsity S', 'Độ thưa S'),
          t('Active features per sample', 'Số đặc trưng hoạt động mỗi mẫu'),
          t('Linear least squares', 'Tuyến tính bình phương tối thiểu'),
          t('ReLU(wᵀh + b)', 'ReLU(wᵀh + b)'),
          t('Chosen bias b', 'Độ lệch b được chọn'),
        ],
        rows,
      },
    ],
    plots: [
      {
        kind: 'xy',
        id: 'superposition-error',
        title: t('Read-out error against sparsity', 'Sai số đọc theo độ thưa'),
        xLabel: t('sparsity S (probability a feature is zero)', 'độ thưa S (xác suất một đặc trưng bằng 0)'),
        yLabel: t('relative error (importance-weighted)', 'sai số tương đối (có trọng số độ quan trọng)'),
        series: [
          {
            name: t('linear least squares', 'tuyến tính bình phương tối thiểu'),
            type: 'line',
            points: finite(levels.map((l) => [l.sparsity, l.linear])),
          },
          {
            name: t('ReLU(wᵀh + b)', 'ReLU(wᵀh + b)'),
            type: 'line',
            points: finite(levels.map((l) => [l.sparsity, l.relu])),
            color: 1,
          },
        ],
      },
    ],
    notes: levels.some((l) => !Number.isFinite(l.relu))
      ? [
          t(
            'At the sparsest levels no feature was active in the held-out half: add samples.',
            'Ở các mức thưa nhất, không đặc trưng nào hoạt động trong nửa giữ lại: hãy tăng số mẫu.',
          ),
        ]
      : [],
  };
}

import * as assert from 'assert';
import { Random, fitLogisticRegression, pca, predictLogistic } from '../../src/core';

function gradient(X: number[][], y: number[], beta: number[], l2: number): number[] {
  const g = new Array(beta.length).fill(0);
  X.forEach((row, i) => {
    const e = beta[0] + row.reduce((s, v, j) => s + v * beta[j + 1], 0);
    const r = y[i] - 1 / (1 + Math.exp(-e));
    g[0] += r;
    row.forEach((v, j) => (g[j + 1] += v * r));
  });
  return g.map((v, j) => (j === 0 ? v : v - l2 * beta[j]));
}

describe('fitLogisticRegression', () => {
  const rng = new Random(5);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    const a = rng.normal();
    const b = rng.normal();
    X.push([a, b]);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-(0.5 + 2 * a - b))) ? 1 : 0);
  }

  it('converges to a zero gradient (the maximum-likelihood estimate) and reports it', () => {
    const fit = fitLogisticRegression(X, y);
    assert.strictEqual(fit.convergence.converged, true);
    assert.strictEqual(fit.convergence.reason, 'converged');
    assert.ok(fit.convergence.iterations < 15);
    assert.ok(Math.max(...gradient(X, y, fit.coefficients, 0).map(Math.abs)) < 1e-7);
    // Close to the generating coefficients (0.5, 2, −1) for 300 samples.
    assert.ok(Math.abs(fit.coefficients[1] - 2) < 0.6 && Math.abs(fit.coefficients[2] + 1) < 0.5);
  });

  it('with an L2 penalty the penalised gradient vanishes and the weights shrink', () => {
    const plain = fitLogisticRegression(X, y);
    const ridge = fitLogisticRegression(X, y, { l2: 10 });
    assert.ok(Math.max(...gradient(X, y, ridge.coefficients, 10).map(Math.abs)) < 1e-7);
    assert.ok(Math.hypot(...ridge.coefficients.slice(1)) < Math.hypot(...plain.coefficients.slice(1)));
  });

  it('separable data without a penalty end with reason "separation", not a hang or NaN', () => {
    const Xs = [[-2], [-1], [-0.5], [0.5], [1], [2]];
    const ys = [0, 0, 0, 1, 1, 1];
    const fit = fitLogisticRegression(Xs, ys);
    assert.strictEqual(fit.convergence.converged, false);
    assert.strictEqual(fit.convergence.reason, 'separation');
    assert.ok(fit.coefficients.every(Number.isFinite));
    assert.deepStrictEqual(
      predictLogistic(fit, Xs).map((p) => (p >= 0.5 ? 1 : 0)),
      ys,
    );
    const ridge = fitLogisticRegression(Xs, ys, { l2: 0.1 });
    assert.strictEqual(ridge.convergence.reason, 'converged');
  });
});

describe('pca', () => {
  it('recovers orthogonal planted directions with distinct variances and their variances', () => {
    const rng = new Random(11);
    const u = [1 / Math.sqrt(2), 1 / Math.sqrt(2), 0];
    const v = [0, 0, 1];
    const X: number[][] = [];
    for (let i = 0; i < 4000; i++) {
      const a = 3 * rng.normal();
      const b = rng.normal();
      X.push([0, 1, 2].map((r) => 10 + a * u[r] + b * v[r] + 0.01 * rng.normal()));
    }
    const res = pca(X);
    const cos = (p: number[], q: number[]) => Math.abs(p.reduce((s, x, r) => s + x * q[r], 0));
    assert.ok(cos(res.components[0], u) > 0.999);
    assert.ok(cos(res.components[1], v) > 0.999);
    assert.ok(Math.abs(res.explainedVariance[0] - 9) < 0.6);
    assert.ok(Math.abs(res.explainedVariance[1] - 1) < 0.1);
    assert.ok(Math.abs(res.explainedVarianceRatio.reduce((s, x) => s + x, 0) - 1) < 1e-12);
    assert.ok(Math.abs(res.mean[0] - 10) < 0.2);
  });

  it('components are orthonormal, signs fixed, and wide data (n < d) works', () => {
    const rng = new Random(2);
    const X = Array.from({ length: 5 }, () => Array.from({ length: 8 }, () => rng.normal()));
    const res = pca(X);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const d = res.components[i].reduce((s, x, r) => s + x * res.components[j][r], 0);
        assert.ok(Math.abs(d - (i === j ? 1 : 0)) < 1e-12, `${i},${j}: ${d}`);
      }
      const big = res.components[i].reduce((b, x) => (Math.abs(x) > Math.abs(b) ? x : b), 0);
      assert.ok(big > 0);
    }
    assert.ok(res.singularValues[4] < 1e-12, 'centred 5×8 data has rank 4');
  });
});

import * as assert from 'assert';
import { RankDeficientError, RegressionError, fitLinearRegression } from '../../src/core';

function throwsCode(fn: () => unknown, code: string): RegressionError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof RegressionError, `expected a RegressionError, got ${e}`);
    assert.strictEqual(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

describe('fitLinearRegression edge cases', () => {
  it('a hand-checked fit: y = 1 + 2x + (−1, 1, 1, −1)', () => {
    // x = 0..3, residual pattern orthogonal to 1 and x? (−1,1,1,−1)·(0,1,2,3) = 0 and sums to 0: yes.
    const X = [[0], [1], [2], [3]];
    const y = [1 - 1, 3 + 1, 5 + 1, 7 - 1];
    const fit = fitLinearRegression(X, y);
    assert.ok(Math.abs(fit.coefficients[0] - 1) < 1e-14);
    assert.ok(Math.abs(fit.coefficients[1] - 2) < 1e-14);
    // σ² = 4 / 2 = 2; SE(b1) = σ / sqrt(Σ(x − x̄)²) = sqrt(2 / 5).
    assert.ok(Math.abs(fit.residualStandardDeviation - Math.SQRT2) < 1e-14);
    assert.ok(Math.abs(fit.standardErrors[1] - Math.sqrt(2 / 5)) < 1e-14);
    // SE(b0) = σ·sqrt(1/n + x̄²/Sxx) = sqrt(2·(1/4 + 2.25/5)).
    assert.ok(Math.abs(fit.standardErrors[0] - Math.sqrt(2 * (0.25 + 2.25 / 5))) < 1e-14);
    assert.deepStrictEqual(
      fit.residuals.map((r) => Math.round(r * 1e12) / 1e12),
      [-1, 1, 1, -1],
    );
    assert.deepStrictEqual(fit.names, ['(Intercept)', 'x1']);
    assert.strictEqual(fit.df.residual, 2);
    // t = 2 / sqrt(0.4), two-sided p with 2 df: 1 − t/sqrt(2 + t²) (closed form for ν = 2).
    const t = 2 / Math.sqrt(0.4);
    assert.ok(Math.abs(fit.pValues[1] - (1 - t / Math.sqrt(2 + t * t))) < 1e-13);
  });

  it('a perfect fit gives zero residual SD, R² = 1 and infinite t (never NaN)', () => {
    const X = [
      [1, 0],
      [2, 1],
      [3, 5],
      [4, 2],
      [5, 7],
    ];
    const y = X.map(([a, b]) => 3 + 2 * a - b);
    const fit = fitLinearRegression(X, y);
    assert.ok(fit.coefficients.every((b, j) => Math.abs(b - [3, 2, -1][j]) < 1e-13));
    assert.ok(fit.residualStandardDeviation < 1e-14);
    assert.strictEqual(fit.rSquared, 1);
    for (const v of [...fit.tStatistics, ...fit.pValues, fit.fStatistic, fit.fPValue, fit.adjustedRSquared])
      assert.ok(!Number.isNaN(v));
  });

  it('n = p (as many rows as coefficients) is refused with a clear error', () => {
    const e = throwsCode(() => fitLinearRegression([[1], [2]], [1, 2]), 'too-few-rows');
    assert.deepStrictEqual([e.details.rows, e.details.parameters], [2, 2]);
    assert.match(e.message, /at least 3/);
  });

  it('a constant column beside the intercept is named', () => {
    const e = throwsCode(
      () =>
        fitLinearRegression(
          [
            [1, 5],
            [2, 5],
            [3, 5],
            [4, 5],
          ],
          [1, 2, 3, 5],
          { names: ['hours', 'class'] },
        ),
      'constant-column',
    );
    assert.strictEqual(e.details.columnName, 'class');
    assert.strictEqual(e.details.column, 2);
  });

  it('without an intercept a constant column is fine (it is the intercept)', () => {
    const fit = fitLinearRegression(
      [
        [1, 1],
        [1, 2],
        [1, 3],
        [1, 4],
      ],
      [2, 4, 5, 8],
      { intercept: false },
    );
    assert.strictEqual(fit.coefficients.length, 2);
    assert.ok(Math.abs(fit.coefficients[1] - 1.9) < 1e-13);
  });

  it('NaN, Infinity and −Infinity are refused with row and column (1-based)', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const e = throwsCode(
        () =>
          fitLinearRegression(
            [
              [1, 2],
              [2, bad],
              [3, 1],
              [4, 0],
            ],
            [1, 2, 3, 4],
            { names: ['a', 'b'] },
          ),
        'non-finite',
      );
      assert.deepStrictEqual([e.details.row, e.details.column, e.details.columnName], [2, 2, 'b']);
    }
    const e = throwsCode(() => fitLinearRegression([[1], [2], [3], [4]], [1, NaN, 3, 4]), 'non-finite');
    assert.strictEqual(e.details.row, 2);
  });

  it('ragged rows are refused with the row number', () => {
    const e = throwsCode(() => fitLinearRegression([[1, 2], [2, 3], [3], [4, 1]], [1, 2, 3, 4]), 'ragged');
    assert.strictEqual(e.details.row, 3);
  });

  it('exact collinearity throws RankDeficientError naming the columns involved', () => {
    const X = [1, 2, 3, 4, 5, 6].map((a, i) => [a, [3, 1, 4, 1, 5, 9][i], 2 * a + 1]);
    assert.throws(
      () => fitLinearRegression(X, [2, 3, 5, 7, 11, 13], { names: ['hours', 'sleep', 'hoursPlus'] }),
      (e: unknown) => {
        assert.ok(e instanceof RankDeficientError);
        assert.deepStrictEqual(e.involved, ['hours', 'hoursPlus']);
        assert.strictEqual(e.dependent.length, 1);
        assert.ok(['hours', 'hoursPlus'].includes(e.dependent[0]));
        assert.match(e.message, /collinear/);
        return true;
      },
    );
  });

  it('collinearity through three columns names all three', () => {
    const a = [1, 4, 2, 8, 5, 7, 3];
    const b = [2, 1, 7, 1, 8, 2, 8];
    const X = a.map((v, i) => [v, b[i], v - 3 * b[i], (i * 7) % 5]);
    assert.throws(
      () => fitLinearRegression(X, [1, 2, 3, 4, 5, 6, 8], { names: ['a', 'b', 'c', 'd'] }),
      (e: unknown) => e instanceof RankDeficientError && e.involved.join() === 'a,b,c',
    );
  });

  it('is invariant to shifting and scaling a predictor (centring and scaling are undone exactly)', () => {
    const X = [[1], [2], [3], [4], [5], [6]];
    const y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2];
    const base = fitLinearRegression(X, y);
    const moved = fitLinearRegression(
      X.map(([x]) => [1e6 + 1000 * x]),
      y,
    );
    assert.ok(Math.abs(moved.coefficients[1] * 1000 - base.coefficients[1]) < 1e-12 * Math.abs(base.coefficients[1]));
    assert.ok(Math.abs(moved.rSquared - base.rSquared) < 1e-14);
    assert.ok(Math.abs(moved.standardErrors[1] * 1000 - base.standardErrors[1]) < 1e-11);
  });
});

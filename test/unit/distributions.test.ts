import * as assert from 'assert';
import { fSurvival, incompleteBeta, studentTCdf, studentTTwoSidedP } from '../../src/core';
import reference from '../fixtures/distributions/reference.json';

/** Digits correct against a 50-digit mpmath reference. */
function digits(x: number, ref: number): number {
  if (x === ref) return 16;
  return -Math.log10(Math.abs(x - ref) / Math.abs(ref));
}

describe('t and F distributions (regularised incomplete beta)', () => {
  it('I_x(a, b) matches mpmath to 11 digits, including large a and b', () => {
    for (const [x, a, b, ref] of reference.incompleteBeta)
      assert.ok(digits(incompleteBeta(x, a, b), ref) > 11, `I_${x}(${a}, ${b})`);
  });
  it('two-sided t p-values match mpmath to 10 digits for 1 to 10^6 degrees of freedom', () => {
    for (const [t, df, ref] of reference.tTwoSided)
      assert.ok(digits(studentTTwoSidedP(t, df), ref) > 10, `t=${t}, df=${df}`);
  });
  it('F upper tails match mpmath to 10 digits, also far in the tail', () => {
    for (const [f, d1, d2, ref] of reference.fSurvival)
      assert.ok(digits(fSurvival(f, d1, d2), ref) > 10, `F=${f} (${d1}, ${d2})`);
  });
  it('edge values: t = 0, infinite t, F = 0, symmetric CDF', () => {
    assert.strictEqual(studentTTwoSidedP(0, 5), 1);
    assert.strictEqual(studentTTwoSidedP(Infinity, 5), 0);
    assert.strictEqual(fSurvival(0, 2, 3), 1);
    assert.ok(Math.abs(studentTCdf(1.3, 7) + studentTCdf(-1.3, 7) - 1) < 1e-15);
    assert.ok(Number.isNaN(studentTTwoSidedP(1, 0)));
  });
});

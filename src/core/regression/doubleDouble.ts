/**
 * Double-double accumulation (about 32 significant digits) by error-free transformations
 * (Knuth's TwoSum, Dekker's TwoProduct with Veltkamp splitting), for the residuals of iterative
 * refinement. No FMA is needed; the accumulator is mutated in place so hot loops allocate nothing.
 */

/** Veltkamp's splitting constant 2^27 + 1. */
export const SPLIT = 134217729;

/** An unevaluated sum hi + lo with |lo| <= ulp(hi)/2. */
export interface DD {
  hi: number;
  lo: number;
}

/** acc += a * b, in double-double. */
export function ddAddProduct(acc: DD, a: number, b: number): void {
  const p = a * b;
  const a1 = a * SPLIT;
  const ah = a1 - (a1 - a);
  const al = a - ah;
  const b1 = b * SPLIT;
  const bh = b1 - (b1 - b);
  const bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  // TwoSum(acc.hi, p), then fold both error terms into lo and renormalise.
  const s = acc.hi + p;
  const bb = s - acc.hi;
  const e = acc.hi - (s - bb) + (p - bb);
  const lo = acc.lo + e + pe;
  const t = s + lo;
  acc.lo = lo - (t - s);
  acc.hi = t;
}

/** acc += x, in double-double. */
export function ddAdd(acc: DD, x: number): void {
  const s = acc.hi + x;
  const bb = s - acc.hi;
  const e = acc.hi - (s - bb) + (x - bb);
  const lo = acc.lo + e;
  const t = s + lo;
  acc.lo = lo - (t - s);
  acc.hi = t;
}

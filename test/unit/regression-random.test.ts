import * as assert from 'assert';
import { Random, trainTestSplit } from '../../src/core';

// Golden values printed by the Python port that "Open as Python" ships (same generator).
describe('Random (xoshiro128** + splitmix32 seeding)', () => {
  it('matches the Python port bit for bit', () => {
    const a = new Random(1);
    assert.deepStrictEqual(
      [a.nextUint32(), a.nextUint32(), a.nextUint32(), a.nextUint32()],
      [2442144158, 3238099751, 3819917871, 2104621829],
    );
    const b = new Random(42);
    assert.deepStrictEqual(
      [b.uniform(), b.uniform(), b.uniform()],
      [0.6606157208001621, 0.1117019639532224, 0.0791056456144914],
    );
    const c = new Random(7);
    assert.deepStrictEqual(
      [c.normal(), c.normal(), c.normal()],
      [-0.6925843705222114, 0.23026798570072035, -1.2870249601100738],
    );
    assert.deepStrictEqual(new Random(0).shuffled([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), [5, 6, 2, 1, 4, 3, 7, 9, 0, 8]);
    assert.deepStrictEqual(trainTestSplit(10, 0.3, 5), { train: [0, 2, 3, 5, 6, 8, 9], test: [1, 4, 7] });
  });

  it('uniforms lie in [0, 1) with mean ≈ 1/2; normals have mean ≈ 0 and variance ≈ 1', () => {
    const r = new Random(123);
    let s = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100000; i++) {
      const u = r.uniform();
      s += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    assert.ok(min >= 0 && max < 1);
    assert.ok(Math.abs(s / 100000 - 0.5) < 0.005);
    let m = 0;
    let v = 0;
    for (let i = 0; i < 100000; i++) {
      const z = r.normal();
      m += z;
      v += z * z;
    }
    assert.ok(Math.abs(m / 100000) < 0.01);
    assert.ok(Math.abs(v / 100000 - 1) < 0.02);
  });

  it('different seeds give different streams; the same seed the same stream', () => {
    assert.notStrictEqual(new Random(1).uniform(), new Random(2).uniform());
    const x = new Random(99);
    const y = new Random(99);
    for (let i = 0; i < 50; i++) assert.strictEqual(x.normal(), y.normal());
  });

  it('trainTestSplit partitions the rows', () => {
    const { train, test } = trainTestSplit(101, 0.3, 3);
    assert.strictEqual(test.length, 30);
    assert.deepStrictEqual(
      [...train, ...test].sort((a, b) => a - b),
      Array.from({ length: 101 }, (_, i) => i),
    );
  });
});

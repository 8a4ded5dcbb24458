// FSRS scheduling of review cards, checked against values worked out here from the published FSRS-6 formulas
// and default weights, not against the library's output. Sources:
// - the formulas: the FSRS wiki, "The Algorithm" (open-spaced-repetition/fsrs4anki wiki, FSRS-6), as ts-fsrs's
//   API documentation restates them (open-spaced-repetition.github.io/ts-fsrs, class FSRSAlgorithm):
//     S0(G) = w[G-1];  D0(G) = w4 - e^(w5·(G-1)) + 1, clamped to [1, 10];
//     R(t, S) = (1 + FACTOR·t/S)^DECAY, DECAY = -w20, FACTOR = 0.9^(1/DECAY) - 1;
//     I(r, S) = S/FACTOR · (r^(1/DECAY) - 1), rounded to whole days, at least 1;
//     S'r(D, S, R, G) = S · (e^w8 · (11 - D) · S^-w9 · (e^(w10·(1-R)) - 1) · w15 (if Hard) · w16 (if Easy) + 1);
//     D'(D, G) = w7·D0(4) + (1 - w7)·(D + ΔD·(10 - D)/9), ΔD = -w6·(G - 3).
// - the default weights: FSRS-6's, as fsrs4anki_scheduler.js v6.1.1 lists them (below).
// - ts-fsrs's long-term scheduler (no learning steps) keeps the four intervals apart: Hard at least Again + 1,
//   Good at least Hard + 1, Easy at least Good + 1 (ts-fsrs issue #98).
import * as assert from 'assert';
import { gradeCard, isDue, previewIntervals, type ReviewGrade } from '../../src/core/review';

const W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483,
  0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];
const DECAY = -W[20];
const FACTOR = Math.pow(0.9, 1 / DECAY) - 1;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9, 30);
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual}, expected ${expected}`);
/** D0(G) by the formula; a new card's difficulty is it clamped to [1, 10], mean reversion uses it as it is. */
const rawInitialDifficulty = (g: number) => W[4] - Math.exp(W[5] * (g - 1)) + 1;
const initialDifficulty = (g: number) => Math.min(10, Math.max(1, rawInitialDifficulty(g)));

describe('review: FSRS scheduling', () => {
  it('a new card graded Again/Hard/Good/Easy gets the stabilities S0 = w0..w3 and difficulties D0(G)', () => {
    for (const g of [1, 2, 3, 4] as ReviewGrade[]) {
      const s = gradeCard(undefined, g, T0);
      close(s.stability, W[g - 1], `S0(${g})`);
      close(s.difficulty, initialDifficulty(g), `D0(${g})`);
      assert.strictEqual(s.reps, 1);
      assert.strictEqual(s.lastReview, T0);
    }
    // D0(Good) = 6.4133 - e^(0.8334·2) + 1 = 7.4133 - 5.29496 ≈ 2.1183
    close(initialDifficulty(3), 7.4133 - Math.exp(1.6668), 'D0(3) worked out');
  });

  it('at retention 0.9 an interval is the stability rounded (I(0.9, S) = S), kept apart per grade', () => {
    // I(0.9, S) = S/FACTOR · (0.9^(1/DECAY) - 1) = S/FACTOR · FACTOR = S.
    const raw = [0.212, 1.2931, 2.3065, 8.2956].map((s) => Math.max(1, Math.round((s / FACTOR) * FACTOR)));
    assert.deepStrictEqual(raw, [1, 1, 2, 8]);
    // Again min(1, 1) = 1; Hard max(1, 1 + 1) = 2; Good max(2, 2 + 1) = 3; Easy max(8, 3 + 1) = 8.
    assert.deepStrictEqual(previewIntervals(undefined, T0), { 1: 1, 2: 2, 3: 3, 4: 8 });
    for (const [g, days] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 8],
    ] as [ReviewGrade, number][])
      assert.strictEqual(gradeCard(undefined, g, T0).due, T0 + days * DAY, `due after grade ${g}`);
  });

  it('Good, then Good again when due (3 days later): S, D and the interval from the recall formula', () => {
    const first = gradeCard(undefined, 3, T0);
    const t = 3;
    const S = W[2];
    const D = initialDifficulty(3);
    const R = Math.pow(1 + (FACTOR * t) / S, DECAY);
    const expectedS = S * (Math.exp(W[8]) * (11 - D) * Math.pow(S, -W[9]) * (Math.exp(W[10] * (1 - R)) - 1) + 1);
    // ΔD = 0 for Good; mean reversion towards D0(Easy) = 7.4133 - e^(0.8334·3) ≈ -4.772 (unclamped) with weight w7.
    const expectedD = W[7] * rawInitialDifficulty(4) + (1 - W[7]) * D;
    const second = gradeCard(first, 3, first.due);
    close(second.stability, expectedS, "S'r after Good");
    close(second.difficulty, expectedD, "D' after Good");
    assert.strictEqual(second.scheduledDays, Math.round(expectedS));
    assert.strictEqual(second.due, first.due + Math.round(expectedS) * DAY);
    assert.strictEqual(second.reps, 2);
    // By hand: FACTOR = 0.9^(-1/0.1542) - 1 ≈ 0.98035, R = (1 + 0.98035·3/2.3065)^-0.1542 ≈ 0.88095,
    // S' = 2.3065·(e^1.8722 · 8.8817 · 2.3065^-0.1666 · (e^(0.796·0.11905) - 1) + 1) ≈ 13.83, so 14 days.
    close(expectedS, 13.8269037, 'worked by hand');
    assert.strictEqual(second.scheduledDays, 14);
  });

  it('Hard after a Good review applies the hard penalty w15; Again counts a lapse', () => {
    const first = gradeCard(undefined, 3, T0);
    const S = W[2];
    const D = initialDifficulty(3);
    const R = Math.pow(1 + (FACTOR * 3) / S, DECAY);
    const expectedHard =
      S * (Math.exp(W[8]) * (11 - D) * Math.pow(S, -W[9]) * (Math.exp(W[10] * (1 - R)) - 1) * W[15] + 1);
    close(gradeCard(first, 2, first.due).stability, expectedHard, "S'r after Hard");
    const lapse = gradeCard(first, 1, first.due);
    assert.strictEqual(lapse.lapses, 1);
    // S'f = w11 · D^-w12 · ((S+1)^w13 - 1) · e^(w14·(1-R)), never above S (no short-term steps).
    const expectedForget = Math.min(
      S,
      W[11] * Math.pow(D, -W[12]) * (Math.pow(S + 1, W[13]) - 1) * Math.exp(W[14] * (1 - R)),
    );
    close(lapse.stability, expectedForget, "S'f after Again");
  });

  it('is deterministic: the same grade at the same time gives the same schedule (no fuzz)', () => {
    const a = gradeCard(gradeCard(undefined, 4, T0), 3, T0 + 20 * DAY);
    const b = gradeCard(gradeCard(undefined, 4, T0), 3, T0 + 20 * DAY);
    assert.deepStrictEqual(a, b);
  });

  it('a card is due when never reviewed or when its date has come', () => {
    const s = gradeCard(undefined, 3, T0);
    assert.ok(isDue(undefined, T0));
    assert.ok(!isDue(s, T0 + 3 * DAY - 1));
    assert.ok(isDue(s, T0 + 3 * DAY));
  });
});

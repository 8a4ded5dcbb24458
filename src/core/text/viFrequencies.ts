/**
 * Vietnamese syllable and syllable-bigram frequencies: the word context that breaks ties when several
 * lost-byte fillings all spell valid syllables ("vá»" could be về, vọ, vỏ, vờ, vử).
 *
 * Keys are toneless lowercase syllables followed by the tone as a VNI digit (1 sắc, 2 huyền, 3 hỏi, 4 ngã,
 * 5 nặng; none for ngang): "học" -> "hoc5", "người" -> "ngươi2". So "hoà" and "hòa" share a key.
 * The shipped table (vi-frequencies.json) is built by scripts/build-vi-frequencies.ts; its header lists the
 * sources and their licences.
 */
import { isVietnameseSyllable, splitTone } from './vietnameseSyllable';

/** Weight of the pair evidence against the single-syllable frequency (interpolation lambda / (1 - lambda)). */
const BIGRAM_WEIGHT = 0.4;
const TONE_DIGIT: Record<string, string> = {
  '': '',
  '\u0301': '1',
  '\u0300': '2',
  '\u0309': '3',
  '\u0303': '4',
  '\u0323': '5',
};

const keyCache = new Map<string, string | null>();
/** The frequency key of a word, or null when it is not a Vietnamese syllable. */
export function syllableKey(word: string): string | null {
  const hit = keyCache.get(word);
  if (hit !== undefined) return hit;
  let key: string | null = null;
  if (isVietnameseSyllable(word)) {
    const parts = splitTone(word.toLowerCase());
    key = parts ? parts.toneless + TONE_DIGIT[parts.tone] : null;
  }
  if (keyCache.size > 50_000) keyCache.clear(); // bounded memory on huge inputs
  keyCache.set(word, key);
  return key;
}

export interface ViCounts {
  unigrams: Map<string, number>;
  bigrams: Map<string, number>;
  tokens: number;
}

const WORD = /[\p{L}\p{M}]+/gu;

/** Counts the Vietnamese syllables of `text` and the pairs of syllables separated only by spaces. */
export function countVietnamese(text: string, into?: ViCounts): ViCounts {
  const counts = into ?? { unigrams: new Map(), bigrams: new Map(), tokens: 0 };
  for (const line of text.split('\n')) {
    let prev: string | null = null;
    let prevEnd = 0;
    for (const m of line.matchAll(WORD)) {
      const key = syllableKey(m[0]);
      const joined = prev !== null && /^[ \t\u00a0]+$/.test(line.slice(prevEnd, m.index));
      if (key) {
        counts.tokens++;
        counts.unigrams.set(key, (counts.unigrams.get(key) ?? 0) + 1);
        if (joined) counts.bigrams.set(prev + ' ' + key, (counts.bigrams.get(prev + ' ' + key) ?? 0) + 1);
      }
      prev = key;
      prevEnd = m.index + m[0].length;
    }
  }
  return counts;
}

/** The committed table's shape (counts packed into strings to keep the file small). */
export interface ViFrequencyData {
  about: string;
  /** Each source's raw counts were multiplied by `factor` (= weight x 1,000,000 / tokens) before summing. */
  sources: { name: string; licence: string; origin: string; tokens: number; weight: number; factor: number }[];
  /** Sum of the unigram counts before pruning. */
  total: number;
  /** "key count key count ..." */
  unigrams: string;
  /** "keyA keyB count keyA keyB count ..." */
  bigrams: string;
}

/** Log-probabilities from a frequency table: interpolated bigram, add-half unigram. */
export class ViFrequencies {
  readonly unigrams = new Map<string, number>();
  readonly bigrams = new Map<string, number>();
  readonly total: number;
  private readonly denominator: number;

  constructor(data: Pick<ViFrequencyData, 'total' | 'unigrams' | 'bigrams'>) {
    this.total = data.total;
    const u = data.unigrams.split(' ');
    for (let i = 0; i + 1 < u.length; i += 2) this.unigrams.set(u[i], Number(u[i + 1]));
    const b = data.bigrams.split(' ');
    for (let i = 0; i + 2 < b.length; i += 3) this.bigrams.set(b[i] + ' ' + b[i + 1], Number(b[i + 2]));
    // About 7,000 syllables are in use; an unseen valid syllable gets half a count.
    this.denominator = this.total + 0.5 * 7000;
  }

  /** log P(key); `key` null (not a syllable) gets a much lower floor. */
  logUnigram(key: string | null): number {
    if (key === null) return Math.log(0.02 / this.denominator);
    return Math.log(((this.unigrams.get(key) ?? 0) + 0.5) / this.denominator);
  }

  /**
   * How much the left neighbour `a` makes `b` more likely: log(1 + w * P(b|a) / P(b)), a bonus that is 0 for
   * a pair never seen (the table keeps only frequent pairs, so absence is no evidence against it).
   */
  logBigramLift(a: string | null, b: string | null): number {
    if (a === null || b === null) return 0;
    const cab = this.bigrams.get(a + ' ' + b) ?? 0;
    const ca = this.unigrams.get(a) ?? 0;
    if (cab === 0 || ca === 0) return 0;
    const pb = Math.exp(this.logUnigram(b));
    return Math.log(1 + (BIGRAM_WEIGHT * (cab / ca)) / pb);
  }

  /** A copy without the counts of `text` (scaled by `factor`): the table as if that text were left out. */
  without(text: string, factor: number): ViFrequencies {
    const c = countVietnamese(text);
    const copy = Object.create(ViFrequencies.prototype) as ViFrequencies;
    const unigrams = new Map(this.unigrams);
    const bigrams = new Map(this.bigrams);
    let removed = 0;
    for (const [k, n] of c.unigrams) {
      const left = (unigrams.get(k) ?? 0) - n * factor;
      removed += Math.min(n * factor, unigrams.get(k) ?? 0);
      if (left > 0.5) unigrams.set(k, left);
      else unigrams.delete(k);
    }
    for (const [k, n] of c.bigrams) {
      const left = (bigrams.get(k) ?? 0) - n * factor;
      if (left > 0.5) bigrams.set(k, left);
      else bigrams.delete(k);
    }
    Object.assign(copy, {
      unigrams,
      bigrams,
      total: this.total - removed,
      denominator: this.total - removed + 0.5 * 7000,
    });
    return copy;
  }
}

let shippedTable: ViFrequencyData | undefined;
let shipped: ViFrequencies | undefined;
/**
 * The shipped table (64 KB of JSON), loaded on first use: required here, not imported, so the extension
 * does not evaluate it at activation (only a lesson that needs its encoding repaired does).
 */
function table(): ViFrequencyData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (shippedTable ??= require('./vi-frequencies.json') as ViFrequencyData);
}
/** The shipped table, parsed on first use. */
export function shippedViFrequencies(): ViFrequencies {
  return (shipped ??= new ViFrequencies(table()));
}
/** The header of the shipped table: sources, licences, weights. */
export function shippedViFrequencySources(): ViFrequencyData['sources'] {
  return table().sources;
}

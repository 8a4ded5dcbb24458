// The text anchoring compares: NFC, typography folded, runs of white space as one space, with a map back to the
// original's UTF-16 offsets. Both the lesson's plain text and a quote (and its context) go through the same fold,
// so a quote written with NFD letters, curly quotes or an em dash finds the passage written otherwise.

/** Folded text and, for each of its UTF-16 units, the original range it came from. */
export interface FoldedText {
  text: string;
  /** Original offset where the unit's source starts (non-decreasing). */
  from: Int32Array;
  /** Original offset just past the unit's source. */
  to: Int32Array;
}

const SINGLE_QUOTES = '\u2018\u2019\u201a\u201b\u2032\u02bc';
const DOUBLE_QUOTES = '\u201c\u201d\u201e\u201f\u2033';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d';
/** Dropped: soft hyphen, zero-width space, word joiner (they change nothing the reader sees). */
const INVISIBLE = '\u00ad\u200b\u2060';

/** Typographic characters folded to plain ones, by code unit. */
const FOLD = new Map<number, string>();
for (const c of SINGLE_QUOTES) FOLD.set(c.charCodeAt(0), "'");
for (const c of DOUBLE_QUOTES) FOLD.set(c.charCodeAt(0), '"');
for (const c of DASHES) FOLD.set(c.charCodeAt(0), '-');
for (const c of INVISIBLE) FOLD.set(c.charCodeAt(0), '');
FOLD.set(0x2026, '...');

const MARK = /^\p{M}$/u;
const markCache = new Map<number, boolean>();
const nfcCache = new Map<number, string>();

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether the code unit at `i` starts a combining mark (so it belongs to the cluster before it). */
function isMarkAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x300) return false;
  if (c <= 0x36f) return true;
  const cp = s.codePointAt(i)!;
  let m = markCache.get(cp);
  if (m === undefined) {
    m = MARK.test(String.fromCodePoint(cp));
    if (markCache.size < 4096) markCache.set(cp, m);
  }
  return m;
}

/**
 * `s` in NFC with typography folded and white space runs as one space, with the map back to `s`. NFC is taken
 * per cluster (a character and the combining marks after it), which is what NFC composes (Hangul conjoining jamo,
 * which compose without marks, are left as they are: lessons are English and Vietnamese).
 */
export function foldText(s: string): FoldedText {
  const n = s.length;
  const b = new FoldBuffer(n + 16);
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    // The common case: a character below U+0300 that is not space or folded, with no mark after it.
    if (c < 0x300 && c > 0x20 && c !== 0xa0 && c !== 0xad && (i + 1 === n || s.charCodeAt(i + 1) < 0x300)) {
      b.unit(c, i, i + 1);
      i++;
      continue;
    }
    if (isSpace(c)) {
      const runStart = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      b.unit(32, runStart, i);
      continue;
    }
    // The cluster: this character (both halves of a surrogate pair) and the marks after it.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
    while (j < n && isMarkAt(s, j)) j += (s.charCodeAt(j) & 0xfc00) === 0xd800 && j + 1 < n ? 2 : 1;
    if (j === i + 1 && c < 0x300) {
      // Nothing below U+0300 changes in NFC.
      b.piece(FOLD.get(c) ?? s[i], i, j);
      i = j;
      continue;
    }
    let cluster: string;
    if (j === i + 1) {
      let cached = nfcCache.get(c);
      if (cached === undefined) {
        cached = s[i].normalize('NFC');
        if (nfcCache.size < 4096) nfcCache.set(c, cached);
      }
      cluster = cached;
    } else cluster = s.slice(i, j).normalize('NFC');
    b.piece(cluster.length === 1 ? (FOLD.get(cluster.charCodeAt(0)) ?? cluster) : cluster, i, j);
    i = j;
  }
  return b.done();
}

/** The folded units and their map, growing as needed (a folded text can be longer: `…` is three units). */
class FoldBuffer {
  private out: Uint16Array;
  private from: Int32Array;
  private to: Int32Array;
  private len = 0;
  constructor(private cap: number) {
    this.out = new Uint16Array(cap);
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
  }
  unit(c: number, start: number, end: number): void {
    if (this.len === this.cap) this.grow(1);
    const k = this.len++;
    this.out[k] = c;
    this.from[k] = start;
    this.to[k] = end;
  }
  piece(p: string, start: number, end: number): void {
    for (let k = 0; k < p.length; k++) this.unit(p.charCodeAt(k), start, end);
  }
  private grow(more: number): void {
    this.cap = Math.max(this.cap * 2, this.len + more);
    const o = new Uint16Array(this.cap);
    o.set(this.out);
    this.out = o;
    const f = new Int32Array(this.cap);
    f.set(this.from);
    this.from = f;
    const t = new Int32Array(this.cap);
    t.set(this.to);
    this.to = t;
  }
  done(): FoldedText {
    const parts: string[] = [];
    for (let k = 0; k < this.len; k += 8192)
      parts.push(
        String.fromCharCode.apply(null, this.out.subarray(k, Math.min(this.len, k + 8192)) as unknown as number[]),
      );
    return { text: parts.join(''), from: this.from.subarray(0, this.len), to: this.to.subarray(0, this.len) };
  }
}

const PLAIN_ASCII = /[^\x21-\x7e ]| {2}/;

/** The folded form of `s` alone (a quote, a prefix). */
export function fold(s: string): string {
  // Printable ASCII without runs of spaces folds to itself.
  if (!PLAIN_ASCII.test(s)) return s;
  return foldText(s).text;
}

/** The folded offset of original offset `offset`: the first unit whose source starts at or after it. */
export function foldedOffset(f: FoldedText, offset: number): number {
  let lo = 0;
  let hi = f.from.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f.from[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

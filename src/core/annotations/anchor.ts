// Re-anchoring a quote in a lesson's plain text after the lesson changed, as the Hypothesis client does it
// (a TextQuoteSelector with a TextPositionSelector hint), in our own code: docs/annotations-anchoring.md says why
// and how. In short: fold both texts (normalize.ts); the exact quote first, told apart by its context and then by
// nearness to the stored start; else approximate matches of the quote (Myers' bit-parallel search for pieces of
// it, then a banded alignment of the whole quote), each scored by quote and context similarity; an orphan when
// nothing is good enough, or when no candidate is clearly better than the next.
import type { Annotation, QuoteSelector, TextRange } from './types';
import { fold, foldedOffset, foldText, type FoldedText } from './normalize';

/** Errors allowed in an approximate quote: a fifth of its length, at most this many (bounds the work). */
export const MAX_QUOTE_ERRORS = 128;
/** Context compared on each side, at most (folded characters nearest the quote). */
const MAX_CONTEXT = 64;
/** Quotes shorter than this (folded) are only found exactly: a few errors in a few characters match anything. */
const MIN_APPROXIMATE = 16;
/** Quote similarity (1 - errors/length) an approximate match needs. */
const MIN_QUOTE_SIMILARITY = 0.8;
/** Context similarity an approximate match needs (and exact matches need to be told apart by position). */
const MIN_CONTEXT_SIMILARITY = 0.6;
/** An exact quote this long (folded) needs no context to be accepted; a shorter one needs some. */
const MIN_LONE_QUOTE = 32;
/** Candidates within this score of the best are "not clearly worse" (score: 2 × quote + context, 0 to 3). */
const SCORE_MARGIN = 0.1;
/** Exact occurrences looked at, at most (the nearest to the stored start). */
const MAX_EXACT = 256;
/** Hits of one piece kept for verification, at most. */
const MAX_PIECE_HITS = 64;
/** Alignment cells (quote length × band) spent on verifying one quote's candidates, at most. */
const MAX_VERIFY_CELLS = 40_000_000;
/** Length of the pieces searched for with Myers' algorithm (one 32-bit word). */
const PIECE = 32;

/**
 * Finds a quote in `text` (a lesson's plain text): the exact quote near `start` first, then approximate
 * matching of quote and context. Returns UTF-16 offsets into `text` (end exclusive), or undefined when the
 * passage is gone or no candidate is clearly better than the others (an orphan). NFC and NFD anchor alike;
 * typography (curly quotes, dashes, runs of spaces) does not matter.
 */
export function anchorQuote(text: string, selector: QuoteSelector): TextRange | undefined {
  const quick = unchanged(text, selector);
  if (quick) return quick;
  return anchorIn(prepare(text), selector);
}

/** The selector that describes `range` of `text`: exact, and up to `context` characters of prefix and suffix. */
export function describeRange(text: string, range: TextRange, context = 32): Required<QuoteSelector> {
  const start = clamp(Math.min(range.start, range.end), 0, text.length);
  const end = clamp(Math.max(range.start, range.end), start, text.length);
  const ctx = Math.max(0, Math.floor(Number.isFinite(context) ? context : 32));
  let p = Math.max(0, start - ctx);
  // Never half a surrogate pair at the outer edges of the context.
  if (p > 0 && isLowSurrogate(text.charCodeAt(p))) p++;
  let s = Math.min(text.length, end + ctx);
  if (s < text.length && isLowSurrogate(text.charCodeAt(s))) s--;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(p, start),
    suffix: text.slice(end, Math.max(end, s)),
    start,
  };
}

/** One annotation's place now: its range, or undefined for an orphan. */
export interface AnchorResult {
  id: string;
  range: TextRange | undefined;
}

/** Re-anchors many annotations on one text (the plain text is prepared once, not per annotation). */
export function anchorAnnotations(
  text: string,
  annotations: readonly Pick<Annotation, 'id' | 'exact' | 'prefix' | 'suffix' | 'start'>[],
): AnchorResult[] {
  let prepared: Prepared | undefined;
  return annotations.map((a) => {
    const quick = unchanged(text, a);
    if (quick) return { id: a.id, range: quick };
    prepared ??= prepare(text);
    return { id: a.id, range: anchorIn(prepared, a) };
  });
}

// ---- internals ----

interface Prepared {
  text: string;
  folded: FoldedText;
}

interface Candidate {
  /** Folded offsets. */
  start: number;
  end: number;
  errors: number;
  quoteSim: number;
  /** Mean similarity of the stored prefix and suffix (those not empty); undefined when none was stored. */
  contextSim?: number;
  /** The lower of the two (or the one stored). */
  contextMin?: number;
  score: number;
}

function prepare(text: string): Prepared {
  return { text, folded: foldText(text) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The quote exactly where it was, with its context exactly around it: no folding needed. */
function unchanged(text: string, sel: QuoteSelector): TextRange | undefined {
  const { exact, start } = sel;
  if (!exact || typeof start !== 'number' || !Number.isInteger(start) || start < 0) return undefined;
  if (!text.startsWith(exact, start)) return undefined;
  const prefix = sel.prefix ?? '';
  const suffix = sel.suffix ?? '';
  if (prefix.length > start || !text.startsWith(prefix, start - prefix.length)) return undefined;
  if (!text.startsWith(suffix, start + exact.length)) return undefined;
  return { start, end: start + exact.length };
}

function anchorIn(p: Prepared, sel: QuoteSelector): TextRange | undefined {
  if (typeof sel.exact !== 'string') return undefined;
  const t = p.folded.text;
  const q = fold(sel.exact);
  if (!q || !t) return undefined;
  const pre = fold(sel.prefix ?? '').slice(-MAX_CONTEXT);
  const suf = fold(sel.suffix ?? '').slice(0, MAX_CONTEXT);
  const hint =
    typeof sel.start === 'number' && Number.isFinite(sel.start) ? foldedOffset(p.folded, sel.start) : undefined;
  const m = q.length;

  // 1. The exact quote: where both sides of the context are exactly there too, that settles it.
  const exact = exactOccurrences(t, q, hint);
  const withContext = exact.filter(
    (at) =>
      (pre === '' || (at >= pre.length && t.startsWith(pre, at - pre.length))) &&
      (suf === '' || t.startsWith(suf, at + m)),
  );
  if ((pre || suf) && withContext.length === 1) return toOriginal(p, withContext[0], withContext[0] + m, sel.exact);
  if ((pre || suf) && withContext.length > 1) {
    const at = nearest(withContext, hint);
    return at === undefined ? undefined : toOriginal(p, at, at + m, sel.exact);
  }
  const candidates: Candidate[] = exact.map((at) => score(t, { start: at, end: at + m, errors: 0 }, m, pre, suf));
  // A single exact occurrence whose context still mostly matches needs no approximate search.
  const strong = candidates.filter((c) => c.contextSim === undefined);
  if (strong.length === 1 && candidates.length === 1) return toOriginal(p, strong[0].start, strong[0].end, sel.exact);

  // 2. Approximate matches of the quote.
  const k = Math.min(MAX_QUOTE_ERRORS, Math.floor(m / 5));
  if (k > 0 && m >= MIN_APPROXIMATE) {
    for (const c of approximate(t, q, k, hint)) {
      if (c.errors === 0 && exact.includes(c.start)) continue;
      if (candidates.some((d) => d.start === c.start && d.end === c.end)) continue;
      candidates.push(score(t, c, m, pre, suf));
    }
  }
  return pick(p, candidates, m, hint, sel.exact);
}

/** Start offsets of the exact quote, at most MAX_EXACT of them, the nearest to the hint. */
function exactOccurrences(t: string, q: string, hint: number | undefined): number[] {
  const all: number[] = [];
  for (let at = t.indexOf(q); at >= 0 && all.length < 100_000; at = t.indexOf(q, at + 1)) all.push(at);
  if (all.length <= MAX_EXACT) return all;
  if (hint === undefined) return all.slice(0, MAX_EXACT);
  return all.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint)).slice(0, MAX_EXACT);
}

/** The offset strictly nearest to the hint; undefined without a hint or on a tie. */
function nearest(offsets: number[], hint: number | undefined): number | undefined {
  if (hint === undefined) return undefined;
  const sorted = [...offsets].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  if (sorted.length > 1 && Math.abs(sorted[0] - hint) === Math.abs(sorted[1] - hint)) return undefined;
  return sorted[0];
}

function score(
  t: string,
  c: { start: number; end: number; errors: number },
  m: number,
  pre: string,
  suf: string,
): Candidate {
  const quoteSim = 1 - c.errors / m;
  const sims: number[] = [];
  if (pre) sims.push(contextSimilarity(pre, t, c.start, 'before'));
  if (suf) sims.push(contextSimilarity(suf, t, c.end, 'after'));
  const contextSim = sims.length ? sims.reduce((a, b) => a + b, 0) / sims.length : undefined;
  const contextMin = sims.length ? Math.min(...sims) : undefined;
  return { ...c, quoteSim, contextSim, contextMin, score: 2 * quoteSim + (contextSim ?? 1) };
}

function acceptable(c: Candidate, m: number): boolean {
  if (c.errors === 0)
    // The exact quote: a long one stands on its own; a short one (a word, a symbol) is common enough that it
    // needs some of its context too, else the passage is taken as gone.
    return m >= MIN_LONE_QUOTE || c.contextSim === undefined || c.contextSim >= MIN_CONTEXT_SIMILARITY;
  if (c.quoteSim < MIN_QUOTE_SIMILARITY || m < MIN_APPROXIMATE) return false;
  // An approximate match must be where the passage was: its context must match too, on both sides (else a
  // reworded copy of the sentence elsewhere would take the annotation; and where a passage was deleted, the
  // text just after its prefix is whatever followed it, so a look-alike there has one side right, not both).
  return c.contextMin === undefined ? c.quoteSim >= 0.9 : c.contextMin >= MIN_CONTEXT_SIMILARITY;
}

function pick(
  p: Prepared,
  candidates: Candidate[],
  m: number,
  hint: number | undefined,
  exact: string,
): TextRange | undefined {
  const ok = candidates.filter((c) => acceptable(c, m));
  if (ok.length === 0) return undefined;
  ok.sort((a, b) => b.score - a.score);
  const best = ok[0];
  // Rivals: as good, and somewhere else (a candidate overlapping the best is the same place with other ends).
  const close = [best];
  for (const c of ok)
    if (c.score >= best.score - SCORE_MARGIN && !close.some((d) => c.start < d.end && d.start < c.end)) close.push(c);
  if (close.length === 1) return toOriginal(p, best.start, best.end, exact);
  // As good as each other: the stored position may tell them apart, if each matched its context.
  if (close.some((c) => c.contextSim !== undefined && c.contextSim < MIN_CONTEXT_SIMILARITY)) return undefined;
  const at = nearest(
    close.map((c) => c.start),
    hint,
  );
  const chosen = at === undefined ? undefined : close.find((c) => c.start === at);
  return chosen ? toOriginal(p, chosen.start, chosen.end, exact) : undefined;
}

/**
 * Folded [start, end) as original offsets. A folded unit maps to all of its source (a run of white space, a
 * cluster), so when the quote as stored lies within that, exactly, its own offsets are taken (a quote that
 * started in the middle of a run of spaces starts there again).
 */
function toOriginal(p: Prepared, start: number, end: number, exact?: string): TextRange {
  const f = p.folded;
  const range = { start: f.from[start], end: f.to[end - 1] };
  if (exact && range.end - range.start !== exact.length) {
    const at = p.text.indexOf(exact, range.start);
    if (at >= 0 && at + exact.length <= range.end) return { start: at, end: at + exact.length };
  }
  // A run of white space at either end: as much of it as the quote has there (a blank line after a paragraph
  // is not part of a quote that ended with its newline).
  const t = f.text;
  if (exact !== undefined && t.charCodeAt(start) === 32 && f.to[start] - f.from[start] > 1)
    range.start = Math.max(f.from[start], f.to[start] - (/^\s*/.exec(exact)?.[0].length ?? 0));
  if (exact !== undefined && t.charCodeAt(end - 1) === 32 && f.to[end - 1] - f.from[end - 1] > 1)
    range.end = Math.min(f.to[end - 1], f.from[end - 1] + (/\s*$/.exec(exact)?.[0].length ?? 0));
  if (range.end <= range.start) return { start: f.from[start], end: f.to[end - 1] };
  return range;
}

/**
 * How well `expected` (folded context) matches the text on one side of `at`: 1 - edit distance / length, where
 * the context may align to any stretch of the text ending at `at` ('before') or starting there ('after').
 */
function contextSimilarity(expected: string, t: string, at: number, side: 'before' | 'after'): number {
  const len = expected.length;
  const slack = Math.ceil(len / 4) + 2;
  let window: string;
  if (side === 'before') {
    if (t.endsWith(expected, at)) return 1;
    window = reverse(t.slice(Math.max(0, at - len - slack), at));
    expected = reverse(expected);
  } else {
    if (t.startsWith(expected, at)) return 1;
    window = t.slice(at, at + len + slack);
  }
  return Math.max(0, 1 - prefixDistance(expected, window) / len);
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/** The least edit distance between `a` and any prefix of `b`. */
function prefixDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  let best = m;
  for (let j = 0; j <= n; j++) if (prev[j] < best) best = prev[j];
  return best;
}

/**
 * Approximate matches of `q` in `t` with at most `k` errors: pieces of the quote (its start, middle and end, 32
 * characters each) are found with Myers' bit-parallel algorithm, and the whole quote is aligned, in a band of
 * width about 4k, around where each hit puts it. Work: O(|t|) per piece plus MAX_VERIFY_CELLS at most.
 */
function approximate(t: string, q: string, k: number, hint: number | undefined): Candidate[] {
  const m = q.length;
  const pieces: { offset: number; text: string }[] = [];
  if (m <= PIECE) pieces.push({ offset: 0, text: q });
  else {
    pieces.push({ offset: 0, text: q.slice(0, PIECE) });
    pieces.push({ offset: m - PIECE, text: q.slice(m - PIECE) });
    if (m > 3 * PIECE) {
      const mid = Math.floor(m / 2 - PIECE / 2);
      pieces.push({ offset: mid, text: q.slice(mid, mid + PIECE) });
    }
  }
  // Where each hit says the quote starts, with the hit's errors (fewest first, then nearest the hint).
  const starts: { at: number; errors: number }[] = [];
  for (const piece of pieces) {
    const kp = Math.min(k, Math.floor(piece.text.length / 4));
    for (const hit of myersSearch(t, piece.text, kp, hint))
      starts.push({ at: hit.end - piece.offset - piece.text.length, errors: hit.errors });
  }
  const dist = (a: number) => (hint === undefined ? 0 : Math.abs(a - hint));
  starts.sort((a, b) => a.errors - b.errors || dist(a.at) - dist(b.at));
  const band = 4 * k + 1;
  const maxVerify = Math.max(2, Math.floor(MAX_VERIFY_CELLS / (m * band)));
  const out: Candidate[] = [];
  const tried: number[] = [];
  for (const s of starts) {
    if (tried.length >= maxVerify) break;
    if (tried.some((a) => Math.abs(a - s.at) <= k)) continue;
    tried.push(s.at);
    for (const r of alignNear(q, t, s.at, k))
      if (!out.some((c) => c.start === r.start && c.end === r.end))
        out.push({ ...r, quoteSim: 1 - r.errors / m, score: 0 });
  }
  return out;
}

/** Peq bit masks by code unit, reused (cleared after each search). */
const peq = new Int32Array(65536);

/**
 * Myers' bit-parallel approximate search (1999) for a pattern of at most 32 code units: the ends of stretches of
 * `t` within `k` edits of `p`, one per run of ends (its fewest errors), at most MAX_PIECE_HITS (fewest errors,
 * then nearest the hint).
 */
function myersSearch(t: string, p: string, k: number, hint: number | undefined): { end: number; errors: number }[] {
  const m = p.length;
  for (let i = 0; i < m; i++) peq[p.charCodeAt(i)] |= 1 << i;
  const high = 1 << (m - 1);
  let pv = m === 32 ? -1 : (1 << m) - 1;
  let mv = 0;
  let score = m;
  let hits: { end: number; errors: number }[] = [];
  let runBest: { end: number; errors: number } | undefined;
  const n = t.length;
  const keep = (h: { end: number; errors: number }) => {
    hits.push(h);
    if (hits.length > 8 * MAX_PIECE_HITS) hits = bestHits(hits, hint);
  };
  for (let j = 0; j < n; j++) {
    const eq = peq[t.charCodeAt(j)];
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score <= k) {
      if (!runBest || score < runBest.errors) runBest = { end: j + 1, errors: score };
    } else if (runBest) {
      keep(runBest);
      runBest = undefined;
    }
  }
  if (runBest) keep(runBest);
  for (let i = 0; i < m; i++) peq[p.charCodeAt(i)] = 0;
  return bestHits(hits, hint);
}

function bestHits(hits: { end: number; errors: number }[], hint: number | undefined) {
  const dist = (a: number) => (hint === undefined ? 0 : Math.abs(a - hint));
  return hits.sort((a, b) => a.errors - b.errors || dist(a.end) - dist(b.end)).slice(0, MAX_PIECE_HITS);
}

/**
 * The best alignment of all of `q` to a stretch of `t` starting within `k` of `s0`, with at most `k` edits
 * (banded dynamic programming: O(|q| × 4k)): folded start, end and errors of up to 3 such stretches (the
 * fewest errors, different ends), or none.
 */
function alignNear(q: string, t: string, s0: number, k: number): { start: number; end: number; errors: number }[] {
  const m = q.length;
  const ws = Math.max(0, s0 - k);
  const we = Math.min(t.length, Math.max(ws, s0) + m + k);
  const w = we - ws;
  if (w < m - k) return [];
  const lead = Math.max(0, s0 - ws) + k; // columns where the alignment may start: 0..lead
  const INF = 1 << 29;
  let prev = new Int32Array(w + 2).fill(INF);
  let cur = new Int32Array(w + 2).fill(INF);
  let prevStart = new Int32Array(w + 2);
  let curStart = new Int32Array(w + 2);
  for (let j = 0; j <= Math.min(w, lead); j++) {
    prev[j] = 0;
    prevStart[j] = j;
  }
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(0, i - k);
    const hi = Math.min(w, i + lead + k);
    if (lo > hi) return [];
    const cq = q.charCodeAt(i - 1);
    let rowMin = INF;
    if (lo > 0) cur[lo - 1] = INF;
    for (let j = lo; j <= hi; j++) {
      // Deletion (a quote character missing from the text).
      let best = prev[j] + 1;
      let from = prevStart[j];
      if (j > 0) {
        const sub = prev[j - 1] + (cq === t.charCodeAt(ws + j - 1) ? 0 : 1);
        if (sub < best) {
          best = sub;
          from = prevStart[j - 1];
        }
        if (j > lo) {
          const ins = cur[j - 1] + 1;
          if (ins < best) {
            best = ins;
            from = curStart[j - 1];
          }
        }
      }
      cur[j] = best;
      curStart[j] = from;
      if (best < rowMin) rowMin = best;
    }
    if (hi + 1 <= w) cur[hi + 1] = INF;
    if (rowMin > k) return [];
    let swap = prev;
    prev = cur;
    cur = swap;
    swap = prevStart;
    prevStart = curStart;
    curStart = swap;
  }
  // The ends with the fewest errors (up to 3, the nearest where the hit put the end): which is right is for the
  // context to say (" binary. x" and " binary. " both quote " binary. O" with one error).
  let bestErr = INF;
  for (let j = 0; j <= w; j++) if (prev[j] < bestErr) bestErr = prev[j];
  if (bestErr > k) return [];
  const want = Math.max(0, s0 - ws) + m;
  const ends: number[] = [];
  for (let j = 0; j <= w; j++) if (prev[j] === bestErr) ends.push(j);
  ends.sort((a, b) => Math.abs(a - want) - Math.abs(b - want));
  return ends
    .slice(0, 3)
    .map((j) => ({ start: ws + prevStart[j], end: ws + j, errors: bestErr }))
    .filter((r) => r.end > r.start);
}

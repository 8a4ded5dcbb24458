import { longestFrom, scanWords, termIndexOf, type TermMatch } from './termIndex';
import type { Glossary } from './types';

/**
 * Positions beyond this column are declined. Like VS Code's own `editor.maxTokenizationLineLength`
 * (20,000), this keeps a hover on a 1 MB single-line file as cheap as on a short line.
 */
export const TERM_AT_MAX_COLUMN = 20_000;

export interface TermAtOptions {
  /** Treat backtick code spans as code (no match inside). Default true (markdown); false for plain text. */
  codeSpans?: boolean;
}

/**
 * The glossary term under `character` (a UTF-16 offset) in one line, with UTF-16 offsets in the
 * original `lineText`. Case-insensitive, NFC/NFD-insensitive, longest match wins, whole words only,
 * never inside an inline code span. Cost is bounded by the longest term, not by the glossary size.
 */
export function termAt(
  glossary: Glossary,
  lineText: string,
  character: number,
  options: TermAtOptions = {},
): TermMatch | undefined {
  if (!(character >= 0) || character >= lineText.length || character > TERM_AT_MAX_COLUMN) return undefined;
  const index = termIndexOf(glossary);
  if (index.maxWords === 0) return undefined;
  const from = Math.max(0, character - index.window);
  const to = Math.min(lineText.length, character + index.window + 1);
  const words = scanWords(lineText, from, to);
  // t: the last word starting at or before the position (the position may be on a joint inside a term).
  let t = -1;
  for (let k = 0; k < words.count && words.start[k] <= character; k++) t = k;
  if (t < 0) return undefined;
  let best: TermMatch | undefined;
  for (let s = Math.max(0, t - index.maxWords + 1); s <= t; s++) {
    const hit = longestFrom(index, lineText, words, s, character);
    if (!hit) continue;
    const start = words.start[s];
    const end = words.end[hit[1]];
    if (!best || end - start > best.end - best.start)
      best = { id: hit[0], start, end, text: lineText.slice(start, end) };
  }
  if (!best) return undefined;
  if (options.codeSpans !== false && lineText.includes('`') && overlapsCodeSpan(lineText, best.start, best.end))
    return undefined;
  return best;
}

/**
 * True when [start, end) touches an inline code span of the line (CommonMark: a run of n backticks up
 * to the next run of exactly n; an unmatched run is literal). Scans at most TERM_AT_MAX_COLUMN + 4,096 units.
 */
export function overlapsCodeSpan(line: string, start: number, end: number): boolean {
  const limit = Math.min(line.length, TERM_AT_MAX_COLUMN + 4096);
  let i = line.indexOf('`');
  while (i !== -1 && i < limit && i < end) {
    let n = 1;
    while (line.charCodeAt(i + n) === 0x60) n++;
    if (isEscaped(line, i)) {
      // An escaped backtick is literal; the rest of its run can still open a span.
      i = n > 1 ? i + 1 : line.indexOf('`', i + 1);
      continue;
    }
    const close = findRun(line, i + n, n, limit);
    if (close === -1) {
      i = line.indexOf('`', i + n);
      continue;
    }
    if (i < end && close + n > start) return true;
    i = line.indexOf('`', close + n);
  }
  return false;
}

function isEscaped(line: string, i: number): boolean {
  let b = 0;
  while (i - b - 1 >= 0 && line.charCodeAt(i - b - 1) === 0x5c) b++;
  return b % 2 === 1;
}

/** Start of the next run of exactly n backticks at or after `from`, or -1. */
function findRun(line: string, from: number, n: number, limit: number): number {
  let i = line.indexOf('`', from);
  while (i !== -1 && i < limit) {
    let m = 1;
    while (line.charCodeAt(i + m) === 0x60) m++;
    if (m === n) return i;
    i = line.indexOf('`', i + m);
  }
  return -1;
}

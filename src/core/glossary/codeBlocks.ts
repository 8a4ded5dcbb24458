/** Lines [start, end) of a fenced code block; 0-based, end exclusive. */
export interface LineRange {
  start: number;
  end: number;
}

const QUOTE_PREFIX = /^(?: {0,3}> ?)+/;
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks of a markdown document, line by line as CommonMark fences them (``` or ~~~,
 * closed by a fence of the same character at least as long, unclosed ones run to the end), also inside
 * block quotes and list items. Indented code blocks are not detected: in notes, 4-space indentation is
 * far more often list continuation than code. A line scanner rather than markdown-it keeps the hover
 * provider out of the lazily loaded renderer bundle; compute once per document version.
 */
export function markdownCodeBlocks(text: string): LineRange[] {
  const out: LineRange[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let open: { char: string; length: number; start: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(QUOTE_PREFIX, '');
    if (open) {
      const m = FENCE_OPEN.exec(line);
      if (m && m[1][0] === open.char && m[1].length >= open.length && m[2].trim() === '') {
        out.push({ start: open.start, end: i + 1 });
        open = undefined;
      }
      continue;
    }
    const m = FENCE_OPEN.exec(line.replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?=[`~])/, ''));
    if (m && !(m[1][0] === '`' && m[2].includes('`'))) open = { char: m[1][0], length: m[1].length, start: i };
  }
  if (open) out.push({ start: open.start, end: lines.length });
  return out;
}

/** True when 0-based `line` lies in one of the ranges (sorted, as markdownCodeBlocks returns them). */
export function isInCodeBlock(ranges: readonly LineRange[], line: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end <= line) lo = mid + 1;
    else if (ranges[mid].start > line) hi = mid - 1;
    else return true;
  }
  return false;
}

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
  const scan = new FenceScanner();
  // A lone \r also ends a line: split then. Otherwise (\n or \r\n) only lines holding a fence character
  // can open or close a block, so the scan jumps from one such character to the next with indexOf and
  // counts the line breaks in between: a 200,000-line note costs a few milliseconds, not a split.
  if (/\r(?!\n)/.test(text)) {
    const lines = text.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => scan.line(line, i));
    return scan.finish(lines.length);
  }
  let lineNo = 0;
  let counted = 0; // line breaks before this offset are in lineNo
  let pos = 0;
  for (;;) {
    const tick = text.indexOf('`', pos);
    const tilde = text.indexOf('~', pos);
    const at = tick < 0 ? tilde : tilde < 0 ? tick : Math.min(tick, tilde);
    if (at < 0) break;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < lineStart; nl = text.indexOf('\n', nl + 1)) lineNo++;
    counted = lineStart;
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = text.length;
    scan.line(
      text.slice(lineStart, lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd),
      lineNo,
    );
    pos = lineEnd + 1;
  }
  let lines = lineNo + 1;
  for (let nl = text.indexOf('\n', counted); nl >= 0; nl = text.indexOf('\n', nl + 1)) lines++;
  return scan.finish(lines);
}

/** The fence state machine over the lines that may matter, in order. */
class FenceScanner {
  private readonly out: LineRange[] = [];
  private open: { char: string; length: number; start: number } | undefined;

  line(raw: string, i: number): void {
    if (!raw.includes('`') && !raw.includes('~')) return;
    const line = raw.replace(QUOTE_PREFIX, '');
    if (this.open) {
      const m = FENCE_OPEN.exec(line);
      if (m && m[1][0] === this.open.char && m[1].length >= this.open.length && m[2].trim() === '') {
        this.out.push({ start: this.open.start, end: i + 1 });
        this.open = undefined;
      }
      return;
    }
    const m = FENCE_OPEN.exec(line.replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?=[`~])/, ''));
    if (m && !(m[1][0] === '`' && m[2].includes('`'))) this.open = { char: m[1][0], length: m[1].length, start: i };
  }

  finish(lineCount: number): LineRange[] {
    if (this.open) this.out.push({ start: this.open.start, end: lineCount });
    return this.out;
  }
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

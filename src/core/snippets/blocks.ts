import { markdownCodeBlocks } from '../glossary/codeBlocks';

/** A ```regression fenced block of a markdown document; lines are 0-based. */
export interface RegressionFence {
  /** The opening fence line (where the CodeLens goes). */
  fenceLine: number;
  /** First and one-past-last line of the block's content. */
  bodyStart: number;
  bodyEnd: number;
  /** The content, block-quote markers removed. */
  body: string;
}

const QUOTE_PREFIX = /^(?: {0,3}> ?)+/;
const REGRESSION_FENCE = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})[ \t]*regression(?:[ \t].*)?$/;

/** Every ```regression (or ~~~regression) block of a markdown text, in order. */
export function findRegressionBlocks(text: string): RegressionFence[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: RegressionFence[] = [];
  for (const range of markdownCodeBlocks(text)) {
    const open = lines[range.start].replace(QUOTE_PREFIX, '');
    const m = REGRESSION_FENCE.exec(open);
    if (!m) continue;
    const last = lines[range.end - 1]?.replace(QUOTE_PREFIX, '') ?? '';
    const closed =
      range.end - 1 > range.start &&
      new RegExp(`^[ \\t]*${m[1][0] === '`' ? '`' : '~'}{${m[1].length},}[ \\t]*$`).test(last);
    const bodyEnd = closed ? range.end - 1 : range.end;
    out.push({
      fenceLine: range.start,
      bodyStart: range.start + 1,
      bodyEnd,
      body: lines
        .slice(range.start + 1, bodyEnd)
        .map((l) => l.replace(QUOTE_PREFIX, ''))
        .join('\n'),
    });
  }
  return out;
}

// The line-level grammar of a notes file (docs/annotations-format.md): where lines start and end, fenced code, and
// the three kinds of line that give a notes file its structure (anchor lines, level 1-2 headings, an entry's link
// line). Every pattern here is linear in the line's length: a notes file is user text and may be hostile.

/** One line of the file: its content is text.slice(start, end); `next` is where the following line starts. */
export interface NotesLine {
  start: number;
  end: number;
  next: number;
  text: string;
}

/** Lines end at `\n` or `\r\n` (a lone `\r` is content); a final line break does not start another line. */
export function splitLines(text: string): NotesLine[] {
  const lines: NotesLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length : nl + 1;
    const end = nl < 0 ? text.length : nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, end, next, text: text.slice(start, end) });
    start = next;
  }
  return lines;
}

/** The file's line ending, from its first line break (new files and files without one: `\n`). */
export function eolOf(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

const ANCHOR_START = /^<!--[ \t]*il:annotation(?![A-Za-z0-9_-])/;
const SECTION_HEADING = /^#{1,2}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
// `[text](target)` or `[text](<target>)` and nothing else on the line; the text may hold escaped brackets.
const LINK_LINE = /^\[((?:[^\\[\]]|\\.)*)\]\((<?)([^\s()<>]*)(>?)\)[ \t]*$/;
// The host is the extension's id, `<publisher>.<name>`; web and script links are never lesson links.
const LESSON_LINK =
  /^(?!(?:https?|javascript|vbscript|data|file):)[a-z][a-z0-9+.-]*:\/\/[a-z0-9-]+\.[a-z0-9-]+\/lesson(?:[/?#]|$)/i;

export const isAnchorLine = (line: string): boolean => ANCHOR_START.test(line);
export const isBlank = (line: string): boolean => BLANK.test(line);
/** A level 1 or 2 ATX heading at the start of the line (outside fenced code: see FenceTracker). */
export const isSectionHeading = (line: string): boolean => SECTION_HEADING.test(line);

/** Whether `target` opens a lesson in the reader: `<scheme>://<publisher>.<name>/lesson/…` (or the older `/lesson?`). */
export const isLessonLink = (target: string): boolean => LESSON_LINK.test(target);

/** A line that is one markdown link to a lesson and nothing else: an entry's closing link line. */
export function isLinkLine(line: string): boolean {
  const m = LINK_LINE.exec(line);
  return !!m && (m[2] === '<') === (m[4] === '>') && isLessonLink(m[3]);
}

/** The title of a level 1-2 heading line: without the #s, the optional closing sequence and the spaces. */
export function headingTitle(line: string): { level: number; title: string } {
  const level = line.startsWith('##') ? 2 : 1;
  let title = line.slice(level).trim();
  const closing = /(^|[ \t])#+$/.exec(title);
  if (closing) title = title.slice(0, closing.index).trim();
  return { level, title };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Follows fenced code blocks line by line, as CommonMark opens and closes them. */
export class FenceTracker {
  private open: { char: string; length: number } | undefined;

  /** Whether `line` is code (a fence line or inside a fence); call it on every line, in order. */
  isCode(line: string): boolean {
    const m = FENCE.exec(line);
    if (this.open) {
      if (m && m[1][0] === this.open.char && m[1].length >= this.open.length && isBlank(m[2])) this.open = undefined;
      return true;
    }
    if (!m || (m[1][0] === '`' && m[2].includes('`'))) return false;
    this.open = { char: m[1][0], length: m[1].length };
    return true;
  }
}

/**
 * Whether a note line, once its leading spaces are set aside, would end the note: an anchor line or a link line
 * anywhere, a level 1-2 heading outside fenced code. Such lines are written with one more leading space (which
 * changes nothing in markdown) and read back without it, so any note round-trips.
 */
function structuralAfterIndent(line: string, code: boolean): number {
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
  const rest = indent ? line.slice(indent) : line;
  const structural = isAnchorLine(rest) || isLinkLine(rest) || (!code && isSectionHeading(rest));
  return structural ? indent : -1;
}

/** A note's lines as written in the file (`note` has `\n` line breaks). */
export function escapeNoteLines(note: string): string[] {
  const fence = new FenceTracker();
  return note.split('\n').map((line) => (structuralAfterIndent(line, fence.isCode(line)) >= 0 ? ' ' + line : line));
}

/** Undoes escapeNoteLines on the lines of a note read from a file. */
export function unescapeNoteLines(lines: readonly string[]): string[] {
  const fence = new FenceTracker();
  return lines.map((line) => (structuralAfterIndent(line, fence.isCode(line)) > 0 ? line.slice(1) : line));
}

/**
 * A note as it is stored: `\r\n` and lone `\r` become `\n`, and leading and trailing blank lines (which separate
 * the note from the quote and the link in the file) are dropped. Empty for a plain highlight.
 */
export function normalizeNote(note: string): string {
  const lines = note.replace(/\r\n?/g, '\n').split('\n');
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && isBlank(lines[first])) first++;
  while (last >= first && isBlank(lines[last])) last--;
  return lines.slice(first, last + 1).join('\n');
}

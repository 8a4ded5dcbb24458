// One pass over a notes file: its entries (anchor line, quote, note, link line), the headings outside them and what
// is wrong where. parseNotesFile and the edits both start from it, so they agree on where everything is.
import { anchorValues, NOTES_FORMAT_VERSION, readAnchorLine, type AnchorLine, type AnchorValues } from './notesAnchor';
import type { NotesDiagnostic, NotesEntry } from './notesFile';
import {
  FenceTracker,
  headingTitle,
  isAnchorLine,
  isBlank,
  isLinkLine,
  isSectionHeading,
  splitLines,
  unescapeNoteLines,
  type NotesLine,
} from './notesLines';

/** An entry's lines: the anchor at `line`, the quote up to `quoteEnd`, and `last`, the entry's last line. */
export interface ScannedEntry {
  entry: NotesEntry;
  /** Index of the quote's last line (a note is inserted after it when there is none). */
  quoteLast: number;
  /** Index of the entry's last line (the link line, else the note's or the quote's last line). */
  last: number;
  /** The anchor's JSON as written (setColorEdit rewrites it with only the colour changed). */
  fields: Record<string, unknown>;
}

export interface ScannedHeading {
  line: number;
  level: number;
  title: string;
}

export interface NotesScan {
  lines: NotesLine[];
  entries: ScannedEntry[];
  headings: ScannedHeading[];
  diagnostics: NotesDiagnostic[];
  readOnly: boolean;
}

/** The lines an entry spans (indices into the file's lines), before its anchor is checked. */
interface EntryLines {
  /** The quote is lines anchor+1 .. quoteEnd-1. */
  quoteEnd: number;
  /** The note, without the blank lines around it, is lines noteFirst .. noteLast (none when noteFirst > noteLast). */
  noteFirst: number;
  noteLast: number;
  link: number | undefined;
  /** The entry's last line: the link line, else the note's or the quote's last line, else the anchor line. */
  last: number;
  /** The first line after the entry's region. */
  next: number;
}

/** The quote is the `>` lines right after the anchor; the note runs to a link line, an anchor line or a heading. */
function entryLines(lines: NotesLine[], anchor: number): EntryLines {
  let i = anchor + 1;
  while (i < lines.length && lines[i].text.startsWith('>')) i++;
  const quoteEnd = i;
  const fence = new FenceTracker();
  let link: number | undefined;
  for (; i < lines.length; i++) {
    const text = lines[i].text;
    if (isAnchorLine(text) || (!fence.isCode(text) && isSectionHeading(text))) break;
    if (isLinkLine(text)) {
      link = i;
      break;
    }
  }
  let noteFirst = quoteEnd;
  let noteLast = i - 1;
  while (noteFirst <= noteLast && isBlank(lines[noteFirst].text)) noteFirst++;
  while (noteLast >= noteFirst && isBlank(lines[noteLast].text)) noteLast--;
  const last = link ?? (noteFirst <= noteLast ? noteLast : quoteEnd - 1);
  return { quoteEnd, noteFirst, noteLast, link, last, next: link !== undefined ? link + 1 : i };
}

/** `>` stripped, then one space: `> a` and `>a` are `a`, `>` is an empty line, `>  a` is ` a`. */
const quoteText = (quote: readonly NotesLine[]) =>
  quote.map((l) => (l.text.startsWith('> ') ? l.text.slice(2) : l.text.slice(1))).join('\n');

interface ScanState extends NotesScan {
  firstLineOfId: Map<string, number>;
}

/** The first anchor of a newer format version makes the file read-only, with one warning. */
function noteNewerVersion(state: ScanState, index: number, version: number): void {
  if (state.readOnly) return;
  state.readOnly = true;
  state.diagnostics.push({
    line: index,
    severity: 'warning',
    message:
      `This notes file uses format v${version}, newer than this version of Interp Lessons reads ` +
      `(v${NOTES_FORMAT_VERSION}): it is shown as far as it is understood and never changed. Update the extension to edit it.`,
  });
}

type EntryValues = NonNullable<AnchorValues['values']>;

/** The anchor's values and the quote, or why the entry cannot be read. */
function readEntry(
  state: ScanState,
  index: number,
  parts: EntryLines,
  anchor: AnchorLine,
): { values: EntryValues; exact: string; warnings: string[]; fields: Record<string, unknown> } | { problem: string } {
  if (!anchor.ok) return { problem: `Annotation not read: ${anchor.problem}. The entry is kept as text.` };
  const checked = anchorValues(anchor.fields);
  if (!checked.values)
    return { problem: `Annotation not read: ${checked.errors.join('; ')}. The entry is kept as text.` };
  const { id } = checked.values;
  const quote = state.lines.slice(index + 1, parts.quoteEnd);
  const exact = quoteText(quote);
  if (!quote.length || exact === '')
    return {
      problem: `Annotation ${id} not read: the quoted passage is missing (it is the \`>\` lines right after the anchor line).`,
    };
  const earlier = state.firstLineOfId.get(id);
  if (earlier !== undefined)
    return { problem: `Annotation ${id} not read: the id is used already by the entry on line ${earlier + 1}.` };
  const warnings = checked.warnings.map((w) => `Annotation ${id}: ${w}.`);
  return { values: checked.values, exact, warnings, fields: anchor.fields };
}

function scanEntry(state: ScanState, index: number): number {
  const { lines } = state;
  const parts = entryLines(lines, index);
  const anchor = readAnchorLine(lines[index].text);
  const newer = anchor.version !== undefined && anchor.version > NOTES_FORMAT_VERSION;
  if (newer) noteNewerVersion(state, index, anchor.version!);
  const read = readEntry(state, index, parts, anchor);
  if ('problem' in read) {
    state.diagnostics.push({ line: index, severity: newer ? 'warning' : 'error', message: read.problem });
    return parts.next;
  }
  for (const message of read.warnings) state.diagnostics.push({ line: index, severity: 'warning', message });
  state.firstLineOfId.set(read.values.id, index);
  const quoteEnd = lines[parts.quoteEnd - 1].end;
  const hasNote = parts.noteFirst <= parts.noteLast;
  const noteLines = hasNote ? lines.slice(parts.noteFirst, parts.noteLast + 1).map((l) => l.text) : [];
  const entry: NotesEntry = {
    ...read.values,
    exact: read.exact,
    note: unescapeNoteLines(noteLines).join('\n'),
    span: { start: lines[index].start, end: lines[parts.last].end },
    noteSpan: hasNote
      ? { start: lines[parts.noteFirst].start, end: lines[parts.noteLast].end }
      : { start: quoteEnd, end: quoteEnd },
    line: index,
  };
  state.entries.push({ entry, quoteLast: parts.quoteEnd - 1, last: parts.last, fields: read.fields });
  return parts.next;
}

/** Reads the whole file; never throws, whatever the text. */
export function scanNotes(text: string): NotesScan {
  const state: ScanState = {
    lines: splitLines(text),
    entries: [],
    headings: [],
    diagnostics: [],
    readOnly: false,
    firstLineOfId: new Map(),
  };
  let fence = new FenceTracker();
  for (let i = 0; i < state.lines.length;) {
    const line = state.lines[i].text;
    if (isAnchorLine(line)) {
      i = scanEntry(state, i);
      fence = new FenceTracker();
      continue;
    }
    if (!fence.isCode(line) && isSectionHeading(line)) state.headings.push({ line: i, ...headingTitle(line) });
    i++;
  }
  const { lines, entries, headings, diagnostics, readOnly } = state;
  return { lines, entries, headings, diagnostics, readOnly };
}

// The notes file (issue 16): one markdown file per lesson and language holding the user's highlights and notes,
// readable and editable by hand. The format is a public contract, documented in docs/annotations-format.md; the
// grammar is in notesLines.ts, the anchor line in notesAnchor.ts, the reading in notesScan.ts, the edits in
// notesEdits.ts.
import { NOTES_FORMAT_VERSION } from './notesAnchor';
import { FILE_COMMENT } from './notesFormat';
import { isBlank, normalizeNote } from './notesLines';
import { scanNotes } from './notesScan';
import type { Annotation } from './types';

export { NOTES_FORMAT_VERSION, normalizeNote };
export { formatEntry, newNotesFile, newAnnotationId } from './notesFormat';
export { insertEntryEdit, replaceNoteEdit, deleteEntryEdit, setColorEdit, NotesReadOnlyError } from './notesEdits';

/** One annotation found in a notes file, with where it is (UTF-16 offsets into the file's text). */
export interface NotesEntry extends Annotation {
  /** The whole entry: anchor line, quote, note and link. */
  span: { start: number; end: number };
  /** The note's text in the file (may be empty: start === end). */
  noteSpan: { start: number; end: number };
  /** 0-based line of the entry's anchor line (diagnostics, reveal). */
  line: number;
}

export interface NotesDiagnostic {
  /** 0-based line. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface NotesFile {
  entries: NotesEntry[];
  diagnostics: NotesDiagnostic[];
  /** Written by a newer version of the format: shown, never rewritten. */
  readOnly: boolean;
}

/** One replacement in a notes file's text (offsets in UTF-16 code units; an insertion has start === end). */
export interface NotesEdit {
  start: number;
  end: number;
  newText: string;
}

/** What a new notes file starts with. */
export interface NotesFileHeader {
  lessonId: string;
  language: string;
  title: string;
  /** The word before the title in the file's first heading (`# Notes: <title>`), in the lesson's language. */
  label?: string;
  /** The link that opens the lesson in the reader. */
  link: string;
}

/** What an entry needs besides the annotation: the section heading's title and the link to the section. */
export interface EntryContext {
  sectionTitle?: string;
  /** The lesson's title, for the link's text (`Lesson › Section`). */
  lessonTitle?: string;
  link: string;
}

/** Reads a notes file: its entries, a diagnostic (0-based line) for each entry it cannot read, never throws. */
export function parseNotesFile(text: string): NotesFile {
  const scan = scanNotes(text);
  return { entries: scan.entries.map((e) => e.entry), diagnostics: scan.diagnostics, readOnly: scan.readOnly };
}

/**
 * The file's entries as plain markdown (Copy Notes as Markdown): the same text without the anchor lines and the
 * file's own comment, so every quote, note, link and the user's own text stay as they are.
 */
export function notesAsMarkdown(text: string): string {
  const scan = scanNotes(text);
  const drop = new Set(scan.entries.map((e) => e.entry.line));
  scan.lines.forEach((l, i) => {
    if (!l.text.startsWith(FILE_COMMENT)) return;
    drop.add(i);
    if (i + 1 < scan.lines.length && isBlank(scan.lines[i + 1].text)) drop.add(i + 1);
  });
  return scan.lines
    .filter((_, i) => !drop.has(i))
    .map((l) => text.slice(l.start, l.next))
    .join('');
}

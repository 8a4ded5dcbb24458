// CONTRACT STUB (issue 16): the notes-format helper replaces the bodies; the signatures are the contract.
import type { Annotation } from './types';

/** The version written in every anchor line; a file with a newer one is read-only for this extension. */
export const NOTES_FORMAT_VERSION = 1;

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
  /** The link that opens the lesson in the reader. */
  link: string;
}

/** What an entry needs besides the annotation: the section heading's title and the link to the section. */
export interface EntryContext {
  sectionTitle?: string;
  link: string;
}

export function parseNotesFile(text: string): NotesFile {
  void text;
  throw new Error('parseNotesFile: not implemented yet');
}

export function formatEntry(annotation: Annotation, ctx: EntryContext): string {
  void annotation;
  void ctx;
  throw new Error('formatEntry: not implemented yet');
}

export function newNotesFile(header: NotesFileHeader): string {
  void header;
  throw new Error('newNotesFile: not implemented yet');
}

export function insertEntryEdit(text: string, annotation: Annotation, ctx: EntryContext): NotesEdit {
  void text;
  void annotation;
  void ctx;
  throw new Error('insertEntryEdit: not implemented yet');
}

export function replaceNoteEdit(text: string, entry: NotesEntry, note: string): NotesEdit {
  void text;
  void entry;
  void note;
  throw new Error('replaceNoteEdit: not implemented yet');
}

export function deleteEntryEdit(text: string, entry: NotesEntry): NotesEdit {
  void text;
  void entry;
  throw new Error('deleteEntryEdit: not implemented yet');
}

export function setColorEdit(text: string, entry: NotesEntry, color: Annotation['color']): NotesEdit {
  void text;
  void entry;
  void color;
  throw new Error('setColorEdit: not implemented yet');
}

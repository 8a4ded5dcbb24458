export { HIGHLIGHT_COLORS } from './types';
export type { Annotation, HighlightColor, QuoteSelector, TextRange } from './types';
export { anchorQuote, describeRange, anchorAnnotations } from './anchor';
export type { AnchorResult } from './anchor';
export { lessonPlainText, PLAIN_TEXT_VERSION } from './plainText';
export {
  NOTES_FORMAT_VERSION,
  parseNotesFile,
  formatEntry,
  newNotesFile,
  insertEntryEdit,
  replaceNoteEdit,
  deleteEntryEdit,
  setColorEdit,
  notesAsMarkdown,
  newAnnotationId,
  normalizeNote,
  NotesReadOnlyError,
} from './notesFile';
export type { NotesFile, NotesEntry, NotesDiagnostic, NotesEdit, NotesFileHeader, EntryContext } from './notesFile';
export { buildExportDocument, markBody, inlineKatexFonts, plainNote, EXPORT_CSP } from './exportHtml';
export type { ExportAnnotation, ExportLabels, ExportDocumentOptions } from './exportHtml';

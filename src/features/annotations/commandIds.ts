/** The annotations feature's command ids (kept here, not in src/constants.ts, while the feature is new). */
export const AnnotationCommands = {
  highlightSelection: 'interpLessons.highlightSelection',
  addNoteToSelection: 'interpLessons.addNoteToSelection',
  copySelectionAsQuote: 'interpLessons.copySelectionAsQuote',
  openNotesFile: 'interpLessons.openNotesFile',
  moveNotesIntoWorkspace: 'interpLessons.moveNotesIntoWorkspace',
  /** The webview context menu on a highlight: its argument is the element's `{ annotationId }`. */
  editNote: 'interpLessons.editNote',
  deleteHighlight: 'interpLessons.deleteHighlight',
} as const;

/** The annotations feature's commands (its table in commands.ts has a run for each); readable without VS Code. */
export const ANNOTATIONS_COMMANDS = [
  AnnotationCommands.highlightSelection,
  AnnotationCommands.addNoteToSelection,
  AnnotationCommands.copySelectionAsQuote,
  AnnotationCommands.openNotesFile,
  AnnotationCommands.moveNotesIntoWorkspace,
  AnnotationCommands.editNote,
  AnnotationCommands.deleteHighlight,
] as const;

/**
 * The Annotations view's and the export's ids (kept here, not in src/constants.ts, while the feature is new, as
 * commandIds.ts does for the reader's annotation commands); readable without VS Code.
 */
export const AnnotationViewCommands = {
  /** Internal: opens the reader at an annotation `{ lessonId, language, course, annotationId? , section? }`. */
  revealAnnotationInternal: 'interpLessons._revealAnnotation',
  deleteAnnotationInView: 'interpLessons.deleteAnnotationInView',
  filterAnnotations: 'interpLessons.filterAnnotations',
  clearAnnotationsFilter: 'interpLessons.clearAnnotationsFilter',
  exportLessonWithNotes: 'interpLessons.exportLessonWithNotes',
  copyNotesAsMarkdown: 'interpLessons.copyNotesAsMarkdown',
} as const;

/** The view (in the interpLessons container) and the context keys its menus and welcome content use. */
export const AnnotationsViewIds = {
  view: 'interpLessons.annotations',
  /** A filter is set: Clear Annotations Filter shows. */
  filteredContext: 'interpLessons.annotationsFiltered',
  /** No notes file holds an annotation: the view shows its welcome content. */
  emptyContext: 'interpLessons.annotationsEmpty',
} as const;

/** The view's commands (their table is in viewCommands.ts). */
export const ANNOTATIONS_VIEW_COMMANDS = [
  AnnotationViewCommands.revealAnnotationInternal,
  AnnotationViewCommands.deleteAnnotationInView,
  AnnotationViewCommands.filterAnnotations,
  AnnotationViewCommands.clearAnnotationsFilter,
  AnnotationViewCommands.exportLessonWithNotes,
  AnnotationViewCommands.copyNotesAsMarkdown,
] as const;

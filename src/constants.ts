/** Every id the extension contributes or stores, in one place. All start with `interpLessons.`. */
export const PREFIX = 'interpLessons';

export const Commands = {
  openLesson: 'interpLessons.openLesson',
  openLessonToSide: 'interpLessons.openLessonToSide',
  nextLesson: 'interpLessons.nextLesson',
  previousLesson: 'interpLessons.previousLesson',
  searchLessons: 'interpLessons.searchLessons',
  resetProgress: 'interpLessons.resetProgress',
  switchLanguage: 'interpLessons.switchLanguage',
  markRead: 'interpLessons.markRead',
  markUnread: 'interpLessons.markUnread',
  copyLink: 'interpLessons.copyLink',
  openLessonSource: 'interpLessons.openLessonSource',
  refreshLessons: 'interpLessons.refreshLessons',
  openCourseFolder: 'interpLessons.openCourseFolder',
  closeCourseFolder: 'interpLessons.closeCourseFolder',
  repairEncoding: 'interpLessons.repairEncoding',
  typesetAllMath: 'interpLessons.typesetAllMath',
  /** Internal: opens a lesson (and optional section) from tree items, hovers and links. */
  showLesson: 'interpLessons._showLesson',
  /** Internal: runs a snippet `{ id, params? }` (the reader's Run buttons). */
  runSnippetInternal: 'interpLessons._runSnippet',
  runSnippet: 'interpLessons.runSnippet',
  rerunSnippet: 'interpLessons.rerunSnippet',
  runRegressionOnSelection: 'interpLessons.runRegressionOnSelection',
  /** Internal: runs the ```regression block at `(uri, fenceLine)` (its CodeLens). */
  runRegressionBlockInternal: 'interpLessons._runRegressionBlock',
  /** Internal: shows a glossary entry `{ id }` (terms marked in the reader). */
  showTermInternal: 'interpLessons._showTerm',
  lookUpTerm: 'interpLessons.lookUpTerm',
  insertDefinition: 'interpLessons.insertDefinition',
  filterGlossary: 'interpLessons.filterGlossary',
  clearGlossaryFilter: 'interpLessons.clearGlossaryFilter',
  /** Spaced review of the glossary terms of lessons read (features/review/commandIds.ts). */
  reviewTerms: 'interpLessons.reviewTerms',
} as const;

export const Views = {
  container: 'interpLessons',
  lessons: 'interpLessons.lessons',
  glossary: 'interpLessons.glossary',
} as const;

// Settings: their keys, types and defaults are in features/shared/settingsSchema.ts.

export const ContextKeys = {
  readerFocused: 'interpLessons.readerFocused',
  /** The lesson in the reader has formulas shown as TeX because it passed MAX_TYPESET_MATH. */
  readerUntypesetMath: 'interpLessons.readerUntypesetMath',
  glossaryFiltered: 'interpLessons.glossaryFiltered',
  /** The chosen course folder has no lessons (or cannot be read): the Lessons view shows its welcome content. */
  courseFolderEmpty: 'interpLessons.courseFolderEmpty',
  /** The active editor is a note that gets glossary hovers (the walkthrough's "hover a term" step). */
  noteOpen: 'interpLessons.noteOpen',
  /** A snippet run was shown in the results page this session (the walkthrough's "run a demo" step). */
  snippetRan: 'interpLessons.snippetRan',
} as const;

/** `contributes.walkthroughs` ids (VS Code opens one as `<publisher>.<name>#<id>`). */
export const Walkthroughs = {
  gettingStarted: 'interpLessons.gettingStarted',
} as const;

/** globalState keys. Whether each one follows the user to other machines is decided in features/shared/sync.ts. */
export const StateKeys = {
  progress: 'interpLessons.progress',
  scroll: 'interpLessons.scroll',
  /** Review schedules by term id and direction (features/review). */
  review: 'interpLessons.review',
  /** Prefix of the keys a review record this version cannot read is kept under, with the time it was set aside. */
  reviewSetAside: 'interpLessons.review.setAside',
  /** Answers to checked questions by lesson id and question id (features/lessons/quizStore.ts). */
  quiz: 'interpLessons.quiz',
  /** Prefix of the keys a record of answers this version cannot read is kept under. */
  quizSetAside: 'interpLessons.quiz.setAside',
} as const;

export const WebviewTypes = {
  reader: 'interpLessons.reader',
  glossaryEntry: 'interpLessons.glossaryEntry',
  snippetResults: 'interpLessons.snippetResults',
  review: 'interpLessons.review',
} as const;

/** Status bar item ids (the user can hide each one by its id). */
export const StatusBarItems = {
  /** How many glossary cards are due for review; shown only when some are. */
  reviewDue: 'interpLessons.reviewDue',
} as const;

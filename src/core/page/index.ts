export {
  createNonce,
  contentSecurityPolicy,
  moveInlineStyles,
  buildPageShell,
  buildLessonArticle,
  buildBreadcrumb,
  buildModuleContents,
  buildRepairBanner,
  buildTypesetAllBanner,
  insertUncertainMarkers,
  markUncertainSpots,
  UNCERTAIN_OPEN,
  UNCERTAIN_CLOSE,
} from './readerPage';
export type { ShellOptions, LessonLinkInfo, LessonViewLabels } from './readerPage';
export { parseReaderMessage } from './messages';
export type { ReaderMessage } from './messages';
export { assembleLessonPage, buildNoticePage, lessonLinkTitle, lessonNeighbours } from './lessonPage';
export type { ContentsRow, CourseOutline, LessonNeighbours, LessonPageInput, LessonPageLabels } from './lessonPage';
export { parseAnnotationPageMessage, ANNOTATION_PAGE_MESSAGE_TYPES } from './annotationMessages';
export type {
  AnnotationPageMessage,
  AnnotationLabels,
  PageAnnotation,
  PageAnnotationsMessage,
  PageRange,
} from './annotationMessages';
export { parseQuizPageMessage, QUIZ_PAGE_MESSAGE_TYPES } from './quizMessages';
export type { QuizPageMessage, QuizPageLabels, QuizStateMessage } from './quizMessages';

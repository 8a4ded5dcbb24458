export { createNonce, contentSecurityPolicy, moveInlineStyles, buildPageShell, buildLessonArticle } from './readerPage';
export type { ShellOptions, LessonLinkInfo, LessonViewLabels } from './readerPage';
export { parseReaderMessage } from './messages';
export type { ReaderMessage } from './messages';

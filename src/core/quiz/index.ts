// ```quiz blocks: parse, check, render (the format: lessons/README.md).
export type { Quiz, QuizType, QuizChoice, QuizTolerance, QuizError, ChoiceQuiz, NumberQuiz, OpenQuiz } from './types';
export { QUIZ_TYPES } from './types';
export { parseQuizBlock, isQuizError, MAX_QUIZ_SOURCE, MAX_QUIZ_CHOICES, MAX_QUIZ_FIELD, QUIZ_ID } from './parse';
export { checkNumber, checkChoices, parseNumberInput, parseTolerance, formatTolerance, withinTolerance } from './check';
export type { NumberCheck, ChoiceCheck, NumberInputProblem } from './check';
export { quizHtml, quizErrorHtml, DEFAULT_QUIZ_LABELS } from './html';
export type { QuizLabels, QuizHtmlContext } from './html';
export {
  QUIZ_ANSWER_STATES,
  QUIZ_STATE_VERSION,
  MAX_QUIZ_ANSWER,
  isQuizAnswerState,
  isQuizAnswerValue,
  isQuizId,
  isQuizLessonId,
  parseQuizAnswerRecord,
  readQuizState,
  storedQuizState,
  withQuizAnswer,
  withoutLessonAnswers,
  quizIdsInText,
  answeredCount,
} from './state';
export type {
  QuizAnswerState,
  QuizAnswerValue,
  QuizAnswerRecord,
  QuizAnswers,
  StoredQuizState,
  ReadQuizState,
} from './state';

// The reader page's checked-question protocol (issue 19), both directions. The page is not trusted: what it sends
// is validated here (the same bounds as the stored answers, core/quiz/state.ts).
import {
  isQuizAnswerState,
  isQuizAnswerValue,
  isQuizId,
  isQuizLessonId,
  type QuizAnswerState,
  type QuizAnswerValue,
} from '../quiz/state';
import type { NumberInputProblem } from '../quiz/check';

/** Messages the page sends about questions. */
export type QuizPageMessage =
  /** A question answered (checked, or revealed and graded by the learner), with what was answered. */
  | { type: 'quizAnswer'; lessonId: string; quizId: string; state: QuizAnswerState; answer?: QuizAnswerValue }
  /** Reset (confirmed in the page): forget the lesson's answers. */
  | { type: 'quizReset'; lessonId: string };

/** The words the page script adds to questions (results, input problems, Reset), in the reader's language. */
export interface QuizPageLabels {
  right: string;
  /** A wrong pick: its hint is shown. */
  wrong: string;
  /** No wrong pick, but a correct choice not picked. */
  missing: string;
  wrongNumber: string;
  noChoice: string;
  /** A typed answer that is not a number as the question wants it ({0} in `unit`: the question's unit). */
  problems: Record<NumberInputProblem, string>;
  /** An open question graded by the learner. */
  selfRight: string;
  selfWrong: string;
  reset: string;
  resetConfirm: string;
  resetYes: string;
  resetNo: string;
  resetDone: string;
}

/** What the host sends after a lesson is shown: its answers, by question id, and the page's words. */
export interface QuizStateMessage {
  type: 'quizState';
  lessonId: string;
  answers: Record<string, { state: QuizAnswerState; answer?: QuizAnswerValue }>;
  labels: QuizPageLabels;
}

/** Validates a question message from the page; undefined for anything malformed. */
export function parseQuizPageMessage(o: Record<string, unknown>): QuizPageMessage | undefined {
  if (!isQuizLessonId(o.lessonId)) return undefined;
  const lessonId = o.lessonId;
  if (o.type === 'quizReset') return { type: 'quizReset', lessonId };
  if (o.type !== 'quizAnswer' || !isQuizId(o.quizId) || !isQuizAnswerState(o.state)) return undefined;
  if (o.answer === undefined || o.answer === null)
    return { type: 'quizAnswer', lessonId, quizId: o.quizId, state: o.state };
  if (!isQuizAnswerValue(o.answer)) return undefined;
  return { type: 'quizAnswer', lessonId, quizId: o.quizId, state: o.state, answer: o.answer };
}

/** The message types parseQuizPageMessage handles. */
export const QUIZ_PAGE_MESSAGE_TYPES: ReadonlySet<string> = new Set(['quizAnswer', 'quizReset']);

import type { QuizPageMessage, QuizStateMessage } from '../../core/activation';
import type { Log } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { quizPageLabels } from './labels';
import type { QuizStore } from './quizStore';

/** Where the reader's questions go: the page of the reader, and the lesson it shows (undefined for a notice). */
export interface QuizPage {
  postMessage(message: Record<string, unknown>): void;
  shownLessonId(): string | undefined;
}

/**
 * The reader's side of checked questions (issue 19): after the page displays a lesson it gets that lesson's
 * stored answers ('quizState'); answers and Resets from the page are stored, for the lesson it shows only.
 */
export class ReaderQuizzes {
  constructor(
    private readonly store: QuizStore,
    private readonly log: Log,
  ) {}

  /** The page displayed a lesson: send its answers (an empty set too, so the page clears what it showed). */
  shown(page: QuizPage): void {
    const lessonId = page.shownLessonId();
    if (lessonId) this.send(page, lessonId);
  }

  /**
   * Sends a lesson's answers ahead of the lesson itself (a show, or the page script loading with a show waiting):
   * the page shows them before it scrolls, so a scroll position saved with the answers shown lands where it was.
   */
  send(page: QuizPage, lessonId: string): void {
    const answers: QuizStateMessage['answers'] = {};
    for (const [quizId, r] of Object.entries(this.store.lesson(lessonId)))
      answers[quizId] = r.answer === undefined ? { state: r.state } : { state: r.state, answer: r.answer };
    const message: QuizStateMessage = { type: 'quizState', lessonId, answers, labels: quizPageLabels() };
    page.postMessage({ ...message });
  }

  /** An answer or a Reset from the page (validated by core): stored, unless it is about another lesson. */
  pageMessage(page: QuizPage, m: QuizPageMessage): void {
    if (m.lessonId !== page.shownLessonId()) {
      this.log.warn(`reader: ignored a question message for ${m.lessonId}, which the page does not show`);
      return;
    }
    const what = m.type === 'quizReset' ? `reset the answers of ${m.lessonId}` : `store the answer to ${m.quizId}`;
    runAndLog(this.log, what, this.store.apply(m));
  }
}

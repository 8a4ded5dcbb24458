// The checked questions of the shown lesson (issue 19): Check, Reveal and self-grade, each answer posted to the
// host ('quizAnswer'); the host's 'quizState' shows stored answers again; Reset clears the lesson's answers after
// a confirm step in the page. Everything is native buttons and inputs, so the keyboard works as everywhere.
import type { QuizPageLabels } from '../../core/page/quizMessages';
import { DEFAULT_QUIZ_PAGE_LABELS, mergeLabels } from './labels';
import {
  checkQuestion,
  gradeQuestion,
  prepareQuestion,
  resetQuestion,
  restoreQuestion,
  revealQuestion,
  type QuizResult,
} from './question';
import { ResetBar } from './reset';

type SavedAnswers = Record<string, { state?: unknown; answer?: unknown }>;

/** Lessons whose answers the page keeps at hand, at most (the host sends them again anyway). */
const KEPT_LESSONS = 20;

export class PageQuizzes {
  private lessonId: string | undefined;
  /**
   * The answers the host sent, by lesson, kept current with what is answered here: a lesson is shown with its
   * answers before it is scrolled, so a scroll position saved with the answers shown lands where it was. The
   * host sends them just before the lesson (and again after it rendered).
   */
  private readonly saved = new Map<string, SavedAnswers>();
  private root: HTMLElement | undefined;
  private labels: QuizPageLabels = DEFAULT_QUIZ_PAGE_LABELS;
  private resetBar: ResetBar | undefined;

  constructor(private readonly post: (m: unknown) => void) {
    document.addEventListener('click', (e) => this.click(e));
    document.addEventListener('keydown', (e) => this.keydown(e));
  }

  /** A new lesson is about to replace the page's HTML. */
  reset(): void {
    this.lessonId = undefined;
    this.resetBar = undefined;
  }

  /** The lesson's HTML is on the page: add its Reset bar (when it has questions). */
  shown(lessonId: string, root: HTMLElement): void {
    this.lessonId = lessonId;
    this.root = root;
    const questions = this.questions();
    if (!questions.length) return;
    for (const q of questions) prepareQuestion(q);
    this.resetBar = new ResetBar(this.labels, () => this.clearAll());
    const heading = root.querySelector<HTMLElement>('#check-understanding');
    if (heading && heading.compareDocumentPosition(questions[0]) & Node.DOCUMENT_POSITION_FOLLOWING)
      heading.after(this.resetBar.element);
    else questions[0].before(this.resetBar.element);
    const saved = this.saved.get(lessonId);
    if (saved) this.restore(saved);
  }

  /** A message from the host; false when it is not about questions. */
  handle(m: Record<string, unknown>): boolean {
    if (m.type !== 'quizState') return false;
    if (typeof m.lessonId !== 'string' || !m.answers || typeof m.answers !== 'object') return true;
    this.labels = mergeLabels(DEFAULT_QUIZ_PAGE_LABELS, m.labels);
    this.resetBar?.relabel(this.labels);
    this.saved.delete(m.lessonId);
    this.saved.set(m.lessonId, { ...(m.answers as SavedAnswers) });
    if (this.saved.size > KEPT_LESSONS) this.saved.delete(this.saved.keys().next().value as string);
    if (m.lessonId === this.lessonId) this.restore(m.answers as SavedAnswers);
    return true;
  }

  /** Shows each question as `answers` has it: answered (its choice picked, its result), or not. */
  private restore(answers: SavedAnswers): void {
    for (const q of this.questions()) {
      const saved = Object.hasOwn(answers, q.dataset.quizId ?? '') ? answers[q.dataset.quizId ?? ''] : undefined;
      if (saved && typeof saved === 'object') restoreQuestion(q, saved, this.labels);
      else if (q.dataset.quizState) resetQuestion(q);
    }
  }

  private questions(): HTMLElement[] {
    return this.root ? Array.from(this.root.querySelectorAll<HTMLElement>('section.il-quiz[data-quiz-id]')) : [];
  }

  private record(result: QuizResult | undefined): void {
    if (!result || !this.lessonId) return;
    const kept = this.saved.get(this.lessonId) ?? {};
    kept[result.quizId] = { state: result.state, answer: result.answer };
    this.saved.set(this.lessonId, kept);
    this.post({ type: 'quizAnswer', lessonId: this.lessonId, ...result });
  }

  private clearAll(): void {
    for (const q of this.questions()) resetQuestion(q);
    if (this.lessonId) this.saved.delete(this.lessonId);
    if (this.lessonId) this.post({ type: 'quizReset', lessonId: this.lessonId });
  }

  private click(event: MouseEvent): void {
    const button = (event.target as HTMLElement | null)?.closest<HTMLElement>('button[data-quiz-action]');
    const q = button?.closest<HTMLElement>('section.il-quiz');
    if (!button || !q || !this.root?.contains(q)) return;
    event.preventDefault();
    const action = button.dataset.quizAction;
    if (action === 'check') this.record(checkQuestion(q, this.labels));
    else if (action === 'reveal') revealQuestion(q);
    else if (action === 'self-right' || action === 'self-wrong')
      this.record(gradeQuestion(q, action === 'self-right', this.labels));
  }

  /** Enter in the number field, or on a choice, checks the question (as Enter submits a form). */
  private keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.altKey || event.ctrlKey) return;
    const input = (event.target as HTMLElement | null)?.closest?.<HTMLInputElement>(
      'input[data-quiz-input], input[data-quiz-choice]',
    );
    const q = input?.closest<HTMLElement>('section.il-quiz');
    if (!input || !q || !this.root?.contains(q)) return;
    event.preventDefault();
    this.record(checkQuestion(q, this.labels));
  }
}

// One question on the page (section.il-quiz, built by src/core/quiz/html.ts): checking it with the same functions
// the host would use, showing the result, and showing a stored answer again. It only shows and hides parts of the
// static HTML and sets text; it never builds HTML.
import { checkChoices, checkNumber, parseTolerance } from '../../core/quiz/check';
import type { QuizPageLabels } from '../../core/page/quizMessages';
import type { QuizAnswerState, QuizAnswerValue } from '../../core/quiz/state';
import { announce, showOnly } from './announce';

/** A result to record: what the host stores. */
export interface QuizResult {
  quizId: string;
  state: QuizAnswerState;
  answer?: QuizAnswerValue;
}

const parts = (q: HTMLElement, kind: string) =>
  Array.from(q.querySelectorAll<HTMLElement>(`[data-quiz-part="${kind}"]`)).filter(
    (p) => p.closest('section.il-quiz') === q,
  );
const choiceInputs = (q: HTMLElement) => Array.from(q.querySelectorAll<HTMLInputElement>('input[data-quiz-choice]'));
const statusOf = (q: HTMLElement) => q.querySelector<HTMLElement>('.il-quiz-status');

/** Hides every result part, clears the status and the input's problem mark. */
export function clearResult(q: HTMLElement): void {
  q.querySelectorAll<HTMLElement>('[data-quiz-part]').forEach((p) => (p.hidden = true));
  const status = statusOf(q);
  if (status) status.textContent = '';
  q.querySelector('[data-quiz-input]')?.removeAttribute('aria-invalid');
  q.querySelectorAll('[data-quiz-action^="self-"]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
  delete q.dataset.quizState;
}

/** Clears the question and what was answered in it. */
export function resetQuestion(q: HTMLElement): void {
  clearResult(q);
  for (const input of choiceInputs(q)) input.checked = false;
  const typed = q.querySelector<HTMLInputElement>('[data-quiz-input]');
  if (typed) typed.value = '';
}

/** The question's result line is for the eyes; the page's announcer speaks it (announce.ts). */
export function prepareQuestion(q: HTMLElement): void {
  const region = statusOf(q);
  if (region) showOnly(region);
}

/**
 * Shows the parts and the result line and marks the state. When the learner acted (`act`), the result is
 * announced and focus moves to the first part shown (a hint, the explanation); with none it stays where it is.
 */
function showResult(q: HTMLElement, shown: HTMLElement[], status: string, state?: string, act = true): void {
  clearResult(q);
  for (const p of shown) p.hidden = false;
  const region = statusOf(q);
  if (region) region.textContent = status;
  if (state) q.dataset.quizState = state;
  if (!act) return;
  announce(status);
  const target = shown[0];
  if (!target) return;
  target.tabIndex = -1;
  target.focus();
}

function showChoices(q: HTMLElement, picked: number[], labels: QuizPageLabels, focus: boolean): QuizResult | undefined {
  const quizId = q.dataset.quizId ?? '';
  if (!picked.length) {
    showResult(q, [], labels.noChoice, undefined, focus);
    return undefined;
  }
  const choices = choiceInputs(q).map((i) => ({ text: '', correct: i.dataset.quizCorrect === 'true' }));
  const result = checkChoices({ choices }, picked);
  const answer = [...new Set(picked)].sort((a, b) => a - b);
  if (result.correct) {
    showResult(q, parts(q, 'explanation'), labels.right, 'right', focus);
    return { quizId, state: 'right', answer };
  }
  const hints = parts(q, 'hint').filter((p) => result.wrongPicks.includes(Number(p.dataset.quizChoice)));
  showResult(q, hints, result.wrongPicks.length ? labels.wrong : labels.missing, 'wrong', focus);
  return { quizId, state: 'wrong', answer };
}

function showNumber(q: HTMLElement, typed: string, labels: QuizPageLabels, focus: boolean): QuizResult | undefined {
  const quizId = q.dataset.quizId ?? '';
  const tolerance = parseTolerance(q.dataset.quizTolerance ?? '0') ?? { kind: 'absolute', value: 0 };
  const unit = q.dataset.quizUnit;
  const result = checkNumber({ answer: Number(q.dataset.quizAnswer), tolerance, unit }, typed);
  const input = q.querySelector<HTMLInputElement>('[data-quiz-input]');
  if (result.status === 'invalid') {
    // A typing problem is said, and is not an answer: nothing is recorded, the cursor stays in the field.
    showResult(
      q,
      [],
      labels.problems[result.problem].replace('{0}', () => unit ?? ''),
      undefined,
      focus,
    );
    input?.setAttribute('aria-invalid', 'true');
    if (focus) input?.focus();
    return undefined;
  }
  const answer = typed.trim().slice(0, 200);
  if (result.status === 'correct') {
    showResult(q, [...parts(q, 'answer'), ...parts(q, 'explanation')], labels.right, 'right', focus);
    return { quizId, state: 'right', answer };
  }
  showResult(q, [], labels.wrongNumber, 'wrong', focus);
  return { quizId, state: 'wrong', answer };
}

/** Checks the question as answered on the page: the result to record, or undefined (nothing picked, a typo). */
export function checkQuestion(q: HTMLElement, labels: QuizPageLabels): QuizResult | undefined {
  if (q.dataset.quizType === 'number')
    return showNumber(q, q.querySelector<HTMLInputElement>('[data-quiz-input]')?.value ?? '', labels, true);
  const picked = choiceInputs(q)
    .filter((i) => i.checked)
    .map((i) => Number(i.dataset.quizChoice));
  return showChoices(q, picked, labels, true);
}

/** An open question's Reveal: the model answer and the self-grade buttons; focus moves to the answer. */
export function revealQuestion(q: HTMLElement): void {
  showResult(q, [...parts(q, 'answer'), ...parts(q, 'explanation')], '', 'revealed');
}

/** "I had it" / "Not yet" after a reveal: said; the pressed button keeps the focus (and says aria-pressed). */
export function gradeQuestion(q: HTMLElement, right: boolean, labels: QuizPageLabels, act = true): QuizResult {
  const state = right ? 'revealed-right' : 'revealed-wrong';
  const status = right ? labels.selfRight : labels.selfWrong;
  showResult(q, [...parts(q, 'answer'), ...parts(q, 'explanation')], status, state, false);
  q.querySelectorAll<HTMLElement>('[data-quiz-action^="self-"]').forEach((b) =>
    b.setAttribute('aria-pressed', String(b.dataset.quizAction === (right ? 'self-right' : 'self-wrong'))),
  );
  if (act) announce(status);
  return { quizId: q.dataset.quizId ?? '', state };
}

/** Shows a stored answer again (after a reload): the choice picked or the number typed, and its result. */
export function restoreQuestion(
  q: HTMLElement,
  saved: { state?: unknown; answer?: unknown },
  labels: QuizPageLabels,
): void {
  const type = q.dataset.quizType;
  if (type === 'open') {
    if (saved.state === 'revealed-right' || saved.state === 'revealed-wrong')
      gradeQuestion(q, saved.state === 'revealed-right', labels, false);
    return;
  }
  if (type === 'number') {
    const input = q.querySelector<HTMLInputElement>('[data-quiz-input]');
    if (typeof saved.answer !== 'string' || !input) return;
    input.value = saved.answer;
    showNumber(q, saved.answer, labels, false);
    return;
  }
  if (!Array.isArray(saved.answer)) return;
  const picked = saved.answer.filter((i): i is number => Number.isInteger(i));
  for (const input of choiceInputs(q)) input.checked = picked.includes(Number(input.dataset.quizChoice));
  showChoices(q, picked, labels, false);
}

// The words the page script adds to a question (the static HTML's own come from the renderer). English until the
// host's 'quizState' message brings them in the reader's language (features/lessons/labels.ts).
import type { QuizPageLabels } from '../../core/page/quizMessages';

export const DEFAULT_QUIZ_PAGE_LABELS: QuizPageLabels = {
  right: 'Right.',
  wrong: 'Not quite: see the hint.',
  missing: 'Not quite: some correct answers are not picked.',
  wrongNumber: 'Not quite: try again.',
  noChoice: 'Pick an answer first.',
  problems: {
    empty: 'Type a number first.',
    notANumber: 'That is not a number: type digits, with "," or "." for decimals.',
    unit: 'Use the unit {0}, or no unit.',
    separators: 'Use either "," or "." as the decimal mark, not both.',
  },
  selfRight: 'You had it.',
  selfWrong: 'Marked for another look.',
  reset: 'Reset answers',
  resetConfirm: 'Clear your answers to the questions in this lesson?',
  resetYes: 'Clear answers',
  resetNo: 'Cancel',
  resetDone: 'Answers cleared.',
};

/** Labels from a message, each kept only when it is a string (the rest stay as they were). */
export function mergeLabels(base: QuizPageLabels, raw: unknown): QuizPageLabels {
  if (!raw || typeof raw !== 'object') return base;
  const o = raw as Record<string, unknown>;
  const pick = (v: unknown, d: string) => (typeof v === 'string' && v.length <= 500 ? v : d);
  const p = (o.problems && typeof o.problems === 'object' ? o.problems : {}) as Record<string, unknown>;
  const out = { ...base, problems: { ...base.problems } };
  for (const k of Object.keys(base) as (keyof QuizPageLabels)[]) if (k !== 'problems') out[k] = pick(o[k], base[k]);
  for (const k of Object.keys(base.problems) as (keyof QuizPageLabels['problems'])[])
    out.problems[k] = pick(p[k], base.problems[k]);
  return out;
}

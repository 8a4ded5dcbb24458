// Checking an answer to a quiz question. No YAML, no markdown: small enough for the reader page to bundle, so the
// page and the host check the same way.
import type { ChoiceQuiz, NumberQuiz, QuizTolerance } from './types';

/** `0.01` → absolute, `"2%"` / `"2 %"` → relative (0.02); undefined when it is neither, or negative. */
export function parseTolerance(raw: unknown): QuizTolerance | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? { kind: 'absolute', value: raw } : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?|[.,]\d+)\s*(%?)\s*$/.exec(raw);
  if (!m) return undefined;
  const value = Number(m[1].replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  return m[2] ? { kind: 'relative', value: value / 100 } : { kind: 'absolute', value };
}

/** The tolerance as an author writes it back: `0.01` or `2%`. */
export function formatTolerance(t: QuizTolerance): string {
  return t.kind === 'relative' ? `${+(t.value * 100).toPrecision(12)}%` : String(t.value);
}

export type NumberInputProblem = 'empty' | 'notANumber' | 'unit' | 'separators';

export type NumberCheck =
  { status: 'correct' | 'wrong'; value: number } | { status: 'invalid'; problem: NumberInputProblem };

const SPACES = /[\s\u00a0\u202f\u2009]+/g;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A number as a reader types it: `0,36` or `0.36` (either mark is the decimal separator, so no thousands
 * separator but spaces: `1 386`), a Unicode minus, scientific `1e-3`, and the question's unit after it or not
 * (`1386 tests`, `36 %`). Another unit, or both `,` and `.`, is a problem, not a wrong answer.
 */
export function parseNumberInput(input: string, unit?: string): { value: number } | { problem: NumberInputProblem } {
  let s = input.replace(/\u2212/g, '-').trim();
  if (!s) return { problem: 'empty' };
  const u = unit?.trim();
  if (u && s.toLowerCase().endsWith(u.toLowerCase())) s = s.slice(0, s.length - u.length).trim();
  s = s.replace(/(\d)[\s\u00a0\u202f\u2009]+(?=\d)/g, '$1').replace(SPACES, '');
  if (!s) return { problem: 'empty' };
  const marks = (s.match(/[.,]/g) ?? []).length;
  if (marks > 1) return { problem: 'separators' };
  s = s.replace(',', '.');
  if (NUMBER.test(s)) {
    const value = Number(s);
    return Number.isFinite(value) ? { value } : { problem: 'notANumber' };
  }
  return /[^\d.eE+-]/.test(s) && /^[+-]?[\d.]/.test(s) ? { problem: 'unit' } : { problem: 'notANumber' };
}

/** Whether `value` is within the tolerance of the answer (with room for the rounding of decimal input). */
export function withinTolerance(answer: number, tolerance: QuizTolerance, value: number): boolean {
  const allowed = tolerance.kind === 'relative' ? tolerance.value * Math.abs(answer) : tolerance.value;
  return Math.abs(value - answer) <= allowed + 1e-9 * Math.max(1, Math.abs(answer));
}

/** Checks a typed answer to a number question. */
export function checkNumber(quiz: Pick<NumberQuiz, 'answer' | 'tolerance' | 'unit'>, input: string): NumberCheck {
  const parsed = parseNumberInput(input, quiz.unit);
  if ('problem' in parsed) return { status: 'invalid', problem: parsed.problem };
  return {
    status: withinTolerance(quiz.answer, quiz.tolerance, parsed.value) ? 'correct' : 'wrong',
    value: parsed.value,
  };
}

export interface ChoiceCheck {
  correct: boolean;
  /** Picked choices that are wrong (their hints are the ones to show), by index, ascending. */
  wrongPicks: number[];
  /** Correct choices not picked, by index, ascending. */
  missed: number[];
}

/** Checks the picked choices (indices into `quiz.choices`; others are ignored) of a single or multiple choice question. */
export function checkChoices(quiz: Pick<ChoiceQuiz, 'choices'>, picked: Iterable<number>): ChoiceCheck {
  const set = new Set<number>();
  for (const i of picked) if (Number.isInteger(i) && i >= 0 && i < quiz.choices.length) set.add(i);
  const wrongPicks: number[] = [];
  const missed: number[] = [];
  quiz.choices.forEach((c, i) => {
    if (set.has(i) && !c.correct) wrongPicks.push(i);
    if (!set.has(i) && c.correct) missed.push(i);
  });
  return { correct: set.size > 0 && wrongPicks.length === 0 && missed.length === 0, wrongPicks, missed };
}

// The learner's answers to checked questions, as stored (globalState, synced): by lesson id, then by question id.
// Both ids are the same in every language, so switching the language keeps the answers. The page is not trusted:
// the same validators read what it sends and what is stored.
import { MAX_QUIZ_CHOICES, QUIZ_ID } from './parse';

/** How a question was answered: checked right or wrong, or an open question revealed and graded by the learner. */
export type QuizAnswerState = 'right' | 'wrong' | 'revealed-right' | 'revealed-wrong';
export const QUIZ_ANSWER_STATES: readonly QuizAnswerState[] = ['right', 'wrong', 'revealed-right', 'revealed-wrong'];

/** What was answered: the picked choices (indices), the typed number as typed, or nothing (an open question). */
export type QuizAnswerValue = number[] | string;

/** Characters of a typed answer kept, at most. */
export const MAX_QUIZ_ANSWER = 200;
/** Characters of a lesson id, at most (as the page messages allow). */
export const MAX_QUIZ_LESSON_ID = 200;

export interface QuizAnswerRecord {
  state: QuizAnswerState;
  answer?: QuizAnswerValue;
  /** When it was answered (ms since 1970). */
  at: number;
}

/** Answers by lesson id, then by question id. */
export type QuizAnswers = Record<string, Record<string, QuizAnswerRecord>>;

export const QUIZ_STATE_VERSION = 1;

export interface StoredQuizState {
  version: typeof QUIZ_STATE_VERSION;
  lessons: QuizAnswers;
}

/** What reading a stored value gives: the answers this version understands, and what it had to set aside. */
export interface ReadQuizState {
  answers: QuizAnswers;
  setAside?: { value: unknown; reason: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const isQuizAnswerState = (v: unknown): v is QuizAnswerState =>
  QUIZ_ANSWER_STATES.includes(v as QuizAnswerState);

export const isQuizId = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && QUIZ_ID.test(v);

export const isQuizLessonId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_QUIZ_LESSON_ID;

/** A bounded answer: up to 12 distinct choice indices in order, or a typed answer of up to 200 characters. */
export function isQuizAnswerValue(v: unknown): v is QuizAnswerValue {
  if (typeof v === 'string') return v.length <= MAX_QUIZ_ANSWER;
  if (!Array.isArray(v) || v.length > MAX_QUIZ_CHOICES) return false;
  return v.every(
    (i, n) => Number.isInteger(i) && i >= 0 && i < MAX_QUIZ_CHOICES && (n === 0 || i > (v[n - 1] as number)),
  );
}

/** The record when `v` is a well-formed one, else undefined. */
export function parseQuizAnswerRecord(v: unknown): QuizAnswerRecord | undefined {
  if (!isObject(v) || !isQuizAnswerState(v.state)) return undefined;
  if (typeof v.at !== 'number' || !Number.isFinite(v.at) || v.at < 0) return undefined;
  if (v.answer !== undefined && !isQuizAnswerValue(v.answer)) return undefined;
  return v.answer === undefined ? { state: v.state, at: v.at } : { state: v.state, answer: v.answer, at: v.at };
}

/** One lesson's entry: the records it keeps, and the ones (by question id) it cannot read. */
function readLesson(entry: unknown): { kept: Record<string, QuizAnswerRecord>; bad?: unknown } {
  if (!isObject(entry)) return { kept: {}, bad: entry };
  const kept: Record<string, QuizAnswerRecord> = {};
  const bad: Record<string, unknown> = {};
  for (const [quizId, value] of Object.entries(entry)) {
    const record = isQuizId(quizId) ? parseQuizAnswerRecord(value) : undefined;
    if (record) kept[quizId] = record;
    else bad[quizId] = value;
  }
  return Object.keys(bad).length ? { kept, bad } : { kept };
}

/**
 * Reads the stored value. Nothing stored is no answers. A value that is not a version-1 record is set aside whole;
 * in a version-1 record, each answer that is not well-formed is set aside and the rest is read.
 */
export function readQuizState(raw: unknown): ReadQuizState {
  if (raw === undefined) return { answers: {} };
  if (!isObject(raw) || raw.version !== QUIZ_STATE_VERSION || !isObject(raw.lessons)) {
    const reason = isObject(raw)
      ? `a record of version ${JSON.stringify(raw.version) ?? 'none'} (this version reads ${QUIZ_STATE_VERSION})`
      : 'not a record of answers';
    return { answers: {}, setAside: { value: raw, reason } };
  }
  const answers: QuizAnswers = {};
  const rejected: Record<string, unknown> = {};
  for (const [lessonId, entry] of Object.entries(raw.lessons)) {
    const { kept, bad } = isQuizLessonId(lessonId) ? readLesson(entry) : { kept: {}, bad: entry };
    if (Object.keys(kept).length) answers[lessonId] = kept;
    if (bad !== undefined) rejected[lessonId] = bad;
  }
  const count = Object.keys(rejected).length;
  if (!count) return { answers };
  return {
    answers,
    setAside: {
      value: { version: QUIZ_STATE_VERSION, lessons: rejected },
      reason: `${count} lesson(s) with answers this version cannot read`,
    },
  };
}

/** The record to store for `answers` (undefined when there are none, so nothing is kept for nothing). */
export function storedQuizState(answers: QuizAnswers): StoredQuizState | undefined {
  return Object.keys(answers).length ? { version: QUIZ_STATE_VERSION, lessons: answers } : undefined;
}

/** `answers` with one question's answer recorded. */
export function withQuizAnswer(
  answers: QuizAnswers,
  lessonId: string,
  quizId: string,
  record: QuizAnswerRecord,
): QuizAnswers {
  return { ...answers, [lessonId]: { ...answers[lessonId], [quizId]: record } };
}

/** `answers` without a lesson's (Reset). */
export function withoutLessonAnswers(answers: QuizAnswers, lessonId: string): QuizAnswers {
  const next = { ...answers };
  delete next[lessonId];
  return next;
}

const OPEN_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const CLOSE_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const ID_LINE = /^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*$/;

/**
 * The ids of a lesson's ```quiz blocks, in order, read with a line scan (no YAML, no markdown): cheap enough for
 * the tree to run on every lesson. Other fenced blocks are skipped whole (an example inside one is not a
 * question); a block whose id the scan cannot see counts with an empty id.
 */
export function quizIdsInText(markdown: string): string[] {
  if (!markdown.includes('quiz')) return [];
  const ids: string[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN_FENCE.exec(lines[i]);
    if (!open) continue;
    const quiz = open[2].toLowerCase() === 'quiz';
    let id = '';
    for (i++; i < lines.length; i++) {
      const close = CLOSE_FENCE.exec(lines[i]);
      if (close && close[1][0] === open[1][0] && close[1].length >= open[1].length) break;
      if (quiz && !id) id = ID_LINE.exec(lines[i])?.[1] ?? '';
    }
    if (quiz) ids.push(id);
  }
  return ids;
}

/** Of a lesson's questions (`ids`, as quizIdsInText gives them), how many have an answer. */
export function answeredCount(lesson: Readonly<Record<string, unknown>> | undefined, ids: readonly string[]): number {
  if (!lesson) return 0;
  return new Set(ids.filter((id) => id && Object.hasOwn(lesson, id))).size;
}

// The stored review state: one schedule per card, keyed by glossary term id and then by direction, so that
// switching the language (which changes only what a card shows) keeps every schedule.
import type { CardSchedule } from './schedule';

/** Which way a card asks: the term for its definition, the definition for its term, or a term in the other language. */
export type CardDirection = 'term-definition' | 'definition-term' | 'vi-en' | 'en-vi';
export const CARD_DIRECTIONS: readonly CardDirection[] = ['term-definition', 'definition-term', 'vi-en', 'en-vi'];

/** The version of the stored record this code writes and reads. */
export const REVIEW_STATE_VERSION = 1;

/** Schedules by term id, then by direction. */
export type ReviewSchedules = Record<string, Partial<Record<CardDirection, CardSchedule>>>;

/** The record as stored in globalState (and synced). */
export interface StoredReviewState {
  version: typeof REVIEW_STATE_VERSION;
  cards: ReviewSchedules;
}

/** What reading a stored value gives: the schedules this version understands, and what it had to set aside. */
export interface ReadReviewState {
  schedules: ReviewSchedules;
  /** The part of the stored value that is corrupt or foreign (to keep under a key of its own), and why. */
  setAside?: { value: unknown; reason: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** The schedule when `v` is a well-formed one, else undefined. */
export function parseCardSchedule(v: unknown): CardSchedule | undefined {
  if (!isObject(v)) return undefined;
  const { due, stability, difficulty, scheduledDays, reps, lapses, lastReview } = v;
  if (!isTime(due) || !isTime(lastReview) || !isCount(scheduledDays) || !isCount(reps) || !isCount(lapses))
    return undefined;
  if (typeof stability !== 'number' || !(stability > 0) || !Number.isFinite(stability)) return undefined;
  if (typeof difficulty !== 'number' || !(difficulty >= 1 && difficulty <= 10)) return undefined;
  return { due, stability, difficulty, scheduledDays, reps, lapses, lastReview };
}

/**
 * Reads the stored value. Nothing stored is an empty state. A value that is not a version-1 record (another
 * version's, or not a record at all) is set aside whole; in a version-1 record, each card that is not well-formed
 * (or names a direction this version does not know) is set aside and the rest is read.
 */
export function readReviewState(raw: unknown): ReadReviewState {
  if (raw === undefined) return { schedules: {} };
  if (!isObject(raw) || raw.version !== REVIEW_STATE_VERSION || !isObject(raw.cards)) {
    const version = isObject(raw) ? raw.version : undefined;
    const reason =
      isObject(raw) && version !== REVIEW_STATE_VERSION
        ? `a record of version ${JSON.stringify(version) ?? 'none'} (this version reads ${REVIEW_STATE_VERSION})`
        : 'not a review record';
    return { schedules: {}, setAside: { value: raw, reason } };
  }
  const schedules: ReviewSchedules = {};
  const rejected: Record<string, unknown> = {};
  for (const [termId, byDirection] of Object.entries(raw.cards)) {
    const kept: Partial<Record<CardDirection, CardSchedule>> = {};
    const bad: Record<string, unknown> = {};
    const entries: [string, unknown][] = isObject(byDirection) ? Object.entries(byDirection) : [['', byDirection]];
    for (const [direction, value] of entries) {
      const schedule = (CARD_DIRECTIONS as readonly string[]).includes(direction)
        ? parseCardSchedule(value)
        : undefined;
      if (schedule) kept[direction as CardDirection] = schedule;
      else bad[direction] = value;
    }
    if (Object.keys(kept).length) schedules[termId] = kept;
    if (Object.keys(bad).length) rejected[termId] = isObject(byDirection) ? bad : byDirection;
  }
  if (!Object.keys(rejected).length) return { schedules };
  const count = Object.keys(rejected).length;
  return {
    schedules,
    setAside: {
      value: { version: REVIEW_STATE_VERSION, cards: rejected },
      reason: `${count} term(s) with a schedule this version cannot read`,
    },
  };
}

/** The record to store for `schedules`. */
export function storedReviewState(schedules: ReviewSchedules): StoredReviewState {
  return { version: REVIEW_STATE_VERSION, cards: schedules };
}

/** The key a set-aside record is kept under: the prefix and the time, e.g. `….2026-12-06T07-10-00-000Z`. */
export function setAsideKey(prefix: string, now: number, taken: (key: string) => boolean): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let key = `${prefix}.${stamp}`;
  for (let n = 2; taken(key); n++) key = `${prefix}.${stamp}-${n}`;
  return key;
}

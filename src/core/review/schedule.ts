// FSRS scheduling of one review card, through ts-fsrs (FSRS-6, its default parameters). Pure: the time comes in.
import type * as TsFsrs from 'ts-fsrs';
import type { Card, FSRS, Grade } from 'ts-fsrs';

// Required on the first grade, not at activation: counting due cards needs only the stored dates.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsFsrs = () => require('ts-fsrs') as typeof TsFsrs;

/** Again, Hard, Good, Easy: FSRS's four grades (1-4). */
export type ReviewGrade = 1 | 2 | 3 | 4;
export const REVIEW_GRADES: readonly ReviewGrade[] = [1, 2, 3, 4];

/** What is stored of one card's schedule (times in ms since the epoch): plain JSON, the same on every machine. */
export interface CardSchedule {
  /** When the card is due next. */
  due: number;
  /** FSRS memory stability, in days (the interval at which recall falls to 90 %). */
  stability: number;
  /** FSRS difficulty, 1-10. */
  difficulty: number;
  /** The interval given at the last review, in days. */
  scheduledDays: number;
  reps: number;
  lapses: number;
  /** When it was last graded. */
  lastReview: number;
}

/** The desired retention: FSRS chooses each interval so that recall is predicted at 90 % when it ends. */
export const DESIRED_RETENTION = 0.9;

let scheduler: FSRS | undefined;

/**
 * ts-fsrs with its default FSRS-6 weights, no fuzz (the same grade at the same time gives the same date), and
 * without short-term learning steps: terms come back after whole days, so the reminders change at most a few
 * times a day rather than every few minutes.
 */
function fsrsScheduler(): FSRS {
  return (scheduler ??= tsFsrs().fsrs({
    request_retention: DESIRED_RETENTION,
    enable_fuzz: false,
    enable_short_term: false,
  }));
}

function toCard(s: CardSchedule | undefined, now: number): Card {
  if (!s) return tsFsrs().createEmptyCard(new Date(now));
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: 0,
    reps: s.reps,
    lapses: s.lapses,
    state: tsFsrs().State.Review,
    last_review: new Date(s.lastReview),
  };
}

function fromCard(c: Card, now: number): CardSchedule {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: now,
  };
}

/** The schedule after grading the card (`undefined`: never reviewed) at `now`. */
export function gradeCard(schedule: CardSchedule | undefined, grade: ReviewGrade, now: number): CardSchedule {
  const next = fsrsScheduler().next(toCard(schedule, now), new Date(now), grade as Grade);
  return fromCard(next.card, now);
}

/** The interval in days each grade would give now, Again to Easy (what the page writes on its buttons). */
export function previewIntervals(schedule: CardSchedule | undefined, now: number): Record<ReviewGrade, number> {
  const preview = fsrsScheduler().repeat(toCard(schedule, now), new Date(now));
  const days = (g: ReviewGrade) => preview[g as Grade].card.scheduled_days;
  return { 1: days(1), 2: days(2), 3: days(3), 4: days(4) };
}

/** Whether a card is due at `now` (a card never reviewed is). */
export function isDue(schedule: CardSchedule | undefined, now: number): boolean {
  return !schedule || schedule.due <= now;
}

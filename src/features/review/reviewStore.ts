import * as vscode from 'vscode';
import {
  gradeCard,
  readReviewState,
  setAsideKey,
  storedReviewState,
  type CardSchedule,
  type ReviewCard,
  type ReviewGrade,
  type ReviewSchedules,
} from '../../core/activation';
import { StateKeys } from '../../constants';
import type { Log } from '../shared/deps';
import { ui } from '../shared/ui';

/** The slice of globalState the store uses (keys() to find a free set-aside key). */
export type ReviewMemento = Pick<vscode.Memento, 'get' | 'update' | 'keys'>;

/** One grade given: the card, the grade and the schedule it now has. */
export interface Graded {
  card: ReviewCard;
  grade: ReviewGrade;
  schedule: CardSchedule;
}

/**
 * The review schedules in globalState (key `interpLessons.review`, synced). Writes go one after another, each
 * over what is stored then. A stored record this version cannot read, whole or in part, is moved to a key of its
 * own (`interpLessons.review.setAside.<time>`) before anything is written: never dropped, said once in a warning
 * and in the log.
 */
export class ReviewStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly gradedEmitter = new vscode.EventEmitter<Graded>();
  readonly onDidGrade = this.gradedEmitter.event;
  private writes: Promise<unknown> = Promise.resolve();
  /** The stored value a set-aside is under way for (read() does not start a second one). */
  private settingAside: unknown;

  constructor(
    /** The globalState it reads and writes (tests read the set-aside keys through it). */
    readonly memento: ReviewMemento,
    private readonly log: Log,
    private readonly now: () => number,
  ) {}

  /** The schedules this version reads now; a part it cannot read is being set aside meanwhile. */
  schedules(): ReviewSchedules {
    const raw = this.memento.get<unknown>(StateKeys.review);
    const read = readReviewState(raw);
    if (read.setAside && this.settingAside !== raw) {
      this.settingAside = raw;
      this.enqueue(() => this.setAside());
    }
    return read.schedules;
  }

  /** Grades a card at the store's clock and stores its new schedule. */
  grade(card: ReviewCard, grade: ReviewGrade): Promise<CardSchedule> {
    this.schedules();
    return this.enqueue(async () => {
      const schedules = this.schedules();
      const schedule = gradeCard(schedules[card.termId]?.[card.direction], grade, this.now());
      const next = { ...schedules, [card.termId]: { ...schedules[card.termId], [card.direction]: schedule } };
      await this.memento.update(StateKeys.review, storedReviewState(next));
      this.changed.fire();
      this.gradedEmitter.fire({ card, grade, schedule });
      return schedule;
    });
  }

  /** Forgets every schedule (tests; a user's reset would go here too). */
  async clear(): Promise<void> {
    await this.enqueue(() => this.memento.update(StateKeys.review, undefined));
    this.changed.fire();
  }

  /** The keys records were set aside under, oldest first. */
  setAsideKeys(): string[] {
    return this.memento
      .keys()
      .filter((k) => k.startsWith(`${StateKeys.reviewSetAside}.`))
      .sort();
  }

  /** Resolves when the writes asked for so far are done. */
  settled(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  private enqueue<T>(work: () => PromiseLike<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Moves what cannot be read to a key of its own, keeps the rest, and says so. Re-reads: the value may have changed. */
  private async setAside(): Promise<void> {
    const raw = this.memento.get<unknown>(StateKeys.review);
    const read = readReviewState(raw);
    if (!read.setAside) return;
    const taken = new Set(this.memento.keys());
    const now = this.now();
    const key = setAsideKey(StateKeys.reviewSetAside, now, (k) => taken.has(k));
    try {
      await this.memento.update(key, {
        setAsideAt: new Date(now).toISOString(),
        reason: read.setAside.reason,
        value: read.setAside.value,
      });
      const kept = Object.keys(read.schedules).length ? storedReviewState(read.schedules) : undefined;
      await this.memento.update(StateKeys.review, kept);
    } catch (e) {
      this.log.error(`review state: could not set aside ${read.setAside.reason}`, e);
      return;
    }
    this.log.warn(`review state: ${read.setAside.reason}; moved to the key ${key}, review goes on without it`);
    void ui.showWarningMessage(
      vscode.l10n.t(
        'Part of the saved review schedule could not be read. It was kept under {0} (see the log), and review goes on without it.',
        key,
      ),
    );
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
    this.gradedEmitter.dispose();
  }
}

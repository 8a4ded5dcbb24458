import * as vscode from 'vscode';
import { dueCards, nextDueTime, type ReviewCard, type ReviewSchedules } from '../../core/activation';
import { Commands, StatusBarItems } from '../../constants';
import { setting } from '../shared/settings';

/** setTimeout's longest delay (about 24.8 days); a later due time is reached in more than one step. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DueRemindersDeps {
  cards(): ReviewCard[];
  schedules(): ReviewSchedules;
  now(): number;
  /** The Glossary view, which gets the badge (undefined until it exists). */
  view(): vscode.TreeView<unknown> | undefined;
}

/**
 * The reminders of cards due: a badge on the Glossary view and a status bar item, both only while some are due
 * and `interpLessons.review.reminders` is on. Counted again when asked (progress, grades, the glossary, the
 * setting) and by one timer set to the next card's due time.
 */
export class DueReminders implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly counted = new vscode.EventEmitter<number>();
  /** Fires with the count after every refresh (tests wait on it). */
  readonly onDidCount = this.counted.event;
  /** Cards due at the last refresh. */
  count = 0;
  /** When the timer fires next (ms since the epoch, on the deps' clock), for tests. */
  timerDue: number | undefined;

  constructor(private readonly deps: DueRemindersDeps) {
    this.item = vscode.window.createStatusBarItem(StatusBarItems.reviewDue, vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('Glossary Cards Due');
    this.item.command = Commands.reviewTerms;
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.timerDue = undefined;
    const now = this.deps.now();
    const cards = this.deps.cards();
    const schedules = this.deps.schedules();
    const count = dueCards(cards, schedules, now).length;
    this.count = count;
    this.show(count);
    const next = nextDueTime(cards, schedules, now);
    if (next !== undefined) {
      this.timerDue = next;
      this.timer = setTimeout(() => this.refresh(), Math.min(next - now, MAX_TIMER_MS));
    }
    this.counted.fire(count);
  }

  private show(count: number): void {
    const on = count > 0 && setting('review.reminders');
    const tooltip = vscode.l10n.t('{0} glossary card(s) due for review', count);
    const view = this.deps.view();
    if (view) view.badge = on ? { value: count, tooltip } : undefined;
    if (!on) {
      this.item.hide();
      return;
    }
    this.item.text = `$(mortar-board) ${count}`;
    this.item.tooltip = `${tooltip}: ${vscode.l10n.t('Review Terms')}`;
    this.item.accessibilityInformation = { label: tooltip };
    this.item.show();
  }

  /** Whether the status bar item is showing now (tests). */
  get statusText(): string | undefined {
    return this.count > 0 && setting('review.reminders') ? this.item.text : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    this.counted.dispose();
  }
}

// Spaced review of the glossary (issue 19) in the real VS Code: cards only from lessons read, grades through the
// feature and through the page with the real keyboard (the outer Playwright driver), the due count on the Glossary
// view's badge and in the status bar, the timer to the next due card, a corrupt record set aside, and the stored
// schedules read back by a new store as after a reload.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Commands, StateKeys } from '../../src/constants';
import { cardKey, gradeCard, storedReviewState, type ReviewCard } from '../../src/core/review';
import type { LessonProgress } from '../../src/core/course/progress';
import { ReviewStore } from '../../src/features/review/reviewStore';
import type { ReviewShown } from '../../src/features/review/reviewPanel';
import { extensionApi, type ExtensionApi } from './helpers/api';
import { interceptWarnings } from './helpers/messages';
import { pageAction, pageDriverAvailable } from './helpers/page';
import { requestScreenshot, setTheme } from './helpers/screenshot';
import { until } from './helpers/until';

const DAY = 86_400_000;

/** The next report of the review page matching `accept`. */
function nextShown(api: ExtensionApi, accept: (s: ReviewShown) => boolean, ms = 60_000): Promise<ReviewShown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the review page did not report within ${ms} ms`));
    }, ms);
    const sub = api.review.panel.onDidShow((s) => {
      if (!accept(s)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(s);
    });
  });
}

const badge = (api: ExtensionApi) => api.glossary.tree.view?.badge?.value;

describe('Review', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let lessonIds: string[] = [];
  const progressBefore = new Map<string, LessonProgress>();

  before(async () => {
    api = await extensionApi();
    lessonIds = (await api.lessons.courses.get()).lessons.map((l) => l.id);
    for (const id of lessonIds) progressBefore.set(id, api.lessons.progress.get(id));
    for (const id of lessonIds) await api.lessons.progress.set(id, 'unread');
    await api.review.store.clear();
    // No editor left by an earlier suite: a reader still open re-renders on the language change and comes to the
    // front, hiding the review page before it reports.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The Glossary view must exist for its badge: show it.
    await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
  });

  after(async () => {
    await api.review.store.clear();
    for (const [id, state] of progressBefore) await api.lessons.progress.set(id, state);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('no lesson read: no cards, no badge, no status bar item', async () => {
    await until('no cards due', () => api.review.reminders.count === 0 || undefined);
    assert.deepStrictEqual(api.review.cards(), []);
    assert.strictEqual(badge(api), undefined);
    assert.strictEqual(api.review.reminders.statusText, undefined);
  });

  it('lessons 1-2 marked read: exactly their terms become cards, all due, on the badge and in the status bar', async () => {
    const [first, second] = lessonIds;
    for (const id of [first, second])
      await vscode.commands.executeCommand(Commands.markRead, api.lessons.tree.lessonNode(id));
    const glossary = api.glossary.service.glossary;
    const expected = glossary.entries
      .filter((e) => e.introducedIn && [first, second].includes(e.introducedIn.lesson))
      .map((e) => e.id)
      .sort();
    assert.ok(expected.length > 10, `lessons 1-2 introduce ${expected.length} terms`);
    const cards = api.review.cards();
    assert.deepStrictEqual([...new Set(cards.map((c) => c.termId))].sort(), expected);
    await until(`${cards.length} due`, () => api.review.reminders.count === cards.length || undefined);
    assert.strictEqual(badge(api), cards.length);
    assert.strictEqual(api.review.reminders.statusText, `$(mortar-board) ${cards.length}`);
  });

  it('grading two cards Good takes them off the due count and the badge; the schedule is stored by term id', async () => {
    const before = api.review.reminders.count;
    const [a, b] = api.review.dueCards();
    const now = Date.now();
    const schedule = await api.review.store.grade(a, 3);
    await api.review.store.grade(b, 4);
    await until('two fewer due', () => api.review.reminders.count === before - 2 || undefined);
    assert.strictEqual(badge(api), before - 2);
    // A new card graded Good comes back in 3 days (test/unit/review-schedule.test.ts works the number out).
    assert.strictEqual(schedule.scheduledDays, 3);
    assert.ok(Math.abs(schedule.due - (now + 3 * DAY)) < 60_000, `due ${new Date(schedule.due).toISOString()}`);
    const stored = api.review.store.memento.get<{ cards: Record<string, Record<string, { due: number }>> }>(
      StateKeys.review,
    );
    assert.strictEqual(stored?.cards[a.termId]?.[a.direction]?.due, schedule.due);
    assert.ok(api.syncedKeys.includes(StateKeys.review), 'the schedules sync');
  });

  it('the page, with the real keyboard: Space shows the answer, 3 grades Good, 1 grades Again; the count follows', async function () {
    if (!pageDriverAvailable()) this.skip(); // only test/host/run.mjs drives the page
    const due = api.review.dueCards();
    const firstShown = nextShown(api, (s) => s.key === cardKey(due[0]) && !s.answer);
    await vscode.commands.executeCommand(Commands.reviewTerms);
    await firstShown;
    const buttons = await pageAction<{ text: string }[]>({
      action: 'query',
      selector: '.il-review-grade .il-review-interval',
      frame: '.il-review',
    });
    assert.deepStrictEqual(
      buttons.map((b) => b.text),
      ['1d', '2d', '3d', '8d'],
      'a new card: Again 1 day, Hard 2, Good 3, Easy 8',
    );
    // Before Show Answer the grades are not on screen: the driver's click (which waits for a visible button) fails.
    await assert.rejects(
      pageAction({ action: 'click', selector: '[data-grade="3"]', frame: '.il-review' }),
      /visible|timeout/i,
    );
    assert.strictEqual(api.review.store.schedules()[due[0].termId]?.[due[0].direction], undefined, 'nothing graded');
    await pageAction({ action: 'click', selector: '.il-review-prompt', frame: '.il-review' });
    for (const [card, key, grade] of [
      [due[0], '3', 3],
      [due[1], '1', 1],
    ] as [ReviewCard, string, number][]) {
      const count = api.review.reminders.count;
      const answer = nextShown(api, (s) => s.key === cardKey(card) && s.answer);
      await pageAction({ action: 'press', key: 'Space', frame: '.il-review' });
      await answer;
      const graded = new Promise<number>((resolve) => {
        const sub = api.review.store.onDidGrade((g) => {
          if (cardKey(g.card) !== cardKey(card)) return;
          sub.dispose();
          resolve(g.grade);
        });
      });
      const next = nextShown(api, (s) => s.key !== cardKey(card) && !s.answer);
      await pageAction({ action: 'press', key, frame: '.il-review' });
      assert.strictEqual(await graded, grade);
      assert.notStrictEqual((await next).key, cardKey(card), 'the next card came');
      await until('one fewer due', () => api.review.reminders.count === count - 1 || undefined);
      assert.strictEqual(badge(api), count - 1);
    }
    const again = api.review.store.schedules()[due[1].termId]?.[due[1].direction];
    assert.strictEqual(again?.scheduledDays, 1, 'Again: back tomorrow');
  });

  it('switching the language keeps every schedule; the page shows the card in the new language', async function () {
    if (!pageDriverAvailable()) this.skip();
    const schedules = api.review.store.schedules();
    const count = api.review.reminders.count;
    const config = vscode.workspace.getConfiguration('interpLessons');
    const card = api.review.dueCards()[0];
    const entry = api.glossary.service.glossary.byId.get(card.termId)!;
    try {
      for (const language of ['vi', 'en'] as const) {
        await config.update('language', language, vscode.ConfigurationTarget.Global);
        const shown = nextShown(api, (s) => s.key === cardKey(card) && !s.answer);
        await vscode.commands.executeCommand(Commands.reviewTerms);
        await shown;
        const [front] = await pageAction<{ text: string }[]>({
          action: 'query',
          selector: '.il-review-front',
          frame: '.il-review',
        });
        const expected =
          card.direction === 'term-definition' ? entry.terms[language]![0] : entry.definition[language]!.slice(0, 20);
        assert.ok(front.text.includes(expected), `${language}: ${front.text} should show ${expected}`);
        assert.deepStrictEqual(api.review.store.schedules(), schedules);
        assert.strictEqual(api.review.reminders.count, count);
      }
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('review.reminders off hides the badge and the status bar item; on shows them again', async () => {
    const count = api.review.reminders.count;
    assert.ok(count > 0);
    const config = vscode.workspace.getConfiguration('interpLessons');
    try {
      await config.update('review.reminders', false, vscode.ConfigurationTarget.Global);
      await until('no badge', () => badge(api) === undefined || undefined);
      assert.strictEqual(api.review.reminders.statusText, undefined);
    } finally {
      await config.update('review.reminders', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('the badge back', () => badge(api) === count || undefined);
  });

  it('a card coming due later raises the count when its time comes, by the timer alone', async () => {
    const cards = api.review.cards();
    const card = cards[cards.length - 1];
    const schedules = api.review.store.schedules();
    const start = Date.now();
    // Everything reviewed (due in 3 days) except one card due 600 ms from now.
    const later = gradeCard(undefined, 3, start);
    const all = Object.fromEntries(
      [...new Set(cards.map((c) => c.termId))].map((id) => [
        id,
        Object.fromEntries(cards.filter((c) => c.termId === id).map((c) => [c.direction, later])),
      ]),
    );
    all[card.termId][card.direction] = { ...later, due: start + 600 };
    await api.review.store.memento.update(StateKeys.review, storedReviewState({ ...schedules, ...all }));
    api.review.reminders.refresh();
    assert.strictEqual(api.review.reminders.count, 0);
    assert.strictEqual(api.review.reminders.timerDue, start + 600);
    await new Promise<void>((resolve) => {
      const sub = api.review.reminders.onDidCount((n) => {
        if (n !== 1) return;
        sub.dispose();
        resolve();
      });
    });
    assert.ok(Date.now() >= start + 600, 'not before the card was due');
    assert.strictEqual(badge(api), 1);
    // Graded, nothing is due: the page shows its done screen, with when the next card comes.
    await api.review.store.grade(card, 3);
    await until('none due', () => api.review.reminders.count === 0 || undefined);
    assert.strictEqual(badge(api), undefined);
    assert.strictEqual(api.review.reminders.statusText, undefined);
    const done = nextShown(api, (s) => s.key === 'done');
    await vscode.commands.executeCommand(Commands.reviewTerms);
    await done;
    if (pageDriverAvailable()) {
      const next = await pageAction<{ text: string }[]>({
        action: 'query',
        selector: '.il-review-done h1, .il-review-next',
        frame: '.il-review',
      });
      assert.deepStrictEqual(
        next.map((e) => e.text?.split(':')[0]),
        [vscode.l10n.t('All caught up'), vscode.l10n.t('Next card due: {0}', '').split(':')[0]],
      );
    }
  });

  it('a foreign record is moved to a key of its own with the time, with a warning and a log line', async () => {
    const foreign = { version: 99, cards: { x: 'from a newer version' } };
    await api.review.store.memento.update(StateKeys.review, foreign);
    const warnings = interceptWarnings();
    const mark = api.log.mark();
    const keysBefore = api.review.store.setAsideKeys();
    try {
      api.review.reminders.refresh();
      const key = await until('a set-aside key', () =>
        api.review.store.setAsideKeys().find((k) => !keysBefore.includes(k)),
      );
      assert.match(key, /^interpLessons\.review\.setAside\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z/);
      const kept = api.review.store.memento.get<{ value: unknown; reason: string; setAsideAt: string }>(key);
      assert.deepStrictEqual(kept?.value, foreign, 'kept whole, never thrown away');
      assert.match(kept!.reason, /version 99/);
      await until('the warning', () => warnings.shown.find((w) => w.message.includes(key)));
      assert.ok(api.log.linesSince(mark).some((l) => l.startsWith('warn') && l.includes(key)));
      assert.strictEqual(api.review.store.memento.get(StateKeys.review), undefined, 'the main key starts afresh');
      assert.ok(!api.syncedKeys.includes(key), 'a set-aside record stays on this machine');
      await api.review.store.memento.update(key, undefined);
    } finally {
      warnings.restore();
    }
  });

  it('survives a reload: a new store over the same globalState reads the same schedules', async () => {
    const card = api.review.dueCards()[0];
    await api.review.store.grade(card, 2);
    const fresh = new ReviewStore(api.review.store.memento, api.log, () => Date.now());
    try {
      assert.deepStrictEqual(fresh.schedules(), api.review.store.schedules());
      assert.strictEqual(fresh.schedules()[card.termId]?.[card.direction]?.reps, 1);
    } finally {
      fresh.dispose();
    }
  });
});

// The README's picture of the review page (`npm run docs:screenshots`, or `--grep "Review screenshots"`): a card
// with a formula, its answer showing. Registered only when asked for, as the other docs screenshots.
if ((process.env.INTERP_TEST_GREP ?? '').includes('Review screenshots')) {
  describe('Review screenshots', function () {
    this.timeout(180_000);

    it('a card with its answer and formula, in the current theme', async function () {
      if (!pageDriverAvailable()) this.skip();
      const api = await extensionApi();
      const theme = process.env.INTERP_TEST_THEME;
      if (theme)
        await setTheme(theme, /dark|black/i.test(theme) ? vscode.ColorThemeKind.Dark : vscode.ColorThemeKind.Light);
      const [first, second] = (await api.lessons.courses.get()).lessons.map((l) => l.id);
      for (const id of [first, second]) await api.lessons.progress.set(id, 'read');
      await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
      // Every card before the first term -> definition card with a formula is reviewed, so that one comes first.
      const glossary = api.glossary.service.glossary;
      const cards = api.review.cards();
      const at = cards.findIndex((c) => c.direction === 'term-definition' && glossary.byId.get(c.termId)?.formula);
      assert.ok(at >= 0, 'lessons 1-2 have a term with a formula');
      const later = gradeCard(undefined, 3, Date.now());
      const schedules: Record<string, Record<string, typeof later>> = {};
      for (const c of cards.slice(0, at)) (schedules[c.termId] ??= {})[c.direction] = later;
      await api.review.store.memento.update(StateKeys.review, storedReviewState(schedules));
      api.review.reminders.refresh();
      const shown = nextShown(api, (s) => s.key === cardKey(cards[at]) && !s.answer);
      await vscode.commands.executeCommand(Commands.reviewTerms);
      await shown;
      const answer = nextShown(api, (s) => s.key === cardKey(cards[at]) && s.answer);
      await pageAction({ action: 'click', selector: '.il-review-show', frame: '.il-review' });
      await answer;
      const dark = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark;
      await requestScreenshot(dark ? 'docs/images/review-dark.png' : 'docs/images/review-light.png');
    });
  });
}

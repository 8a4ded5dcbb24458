// Checked questions and spaced review in the web worker extension host (issue 20): two questions of a lesson
// answered in the reader page with the real mouse and keys (the outer driver), stored and counted in the Lessons
// tree; then Review Terms on a read lesson's terms, the answer shown and a card graded from the keyboard.
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { cardKey } from '../../src/core/review/cards';
import type { LessonProgress } from '../../src/core/course/progress';
import type { ReviewShown } from '../../src/features/review/reviewPanel';
import { extensionApi, type ExtensionApi } from '../integration/helpers/api';
import { nextRender, treeSays } from '../integration/helpers/lessons';
import { nextEvent, until } from '../integration/helpers/until';
import * as assert from '../common/assert';
import { pageAction, queryPage } from './helpers/page';

const LESSON = 'concepts-and-terms';
const SINGLE = 'zero-vs-mean-ablation';
const NUMBER = 'patching-fraction-restored';
const q = (quizId: string, rest = '') => `section.il-quiz[data-quiz-id="${quizId}"]${rest}`;

describe('Web journeys: questions and review', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  const progressBefore = new Map<string, LessonProgress>();

  before(async () => {
    api = await extensionApi();
    for (const l of (await api.lessons.courses.get()).lessons) progressBefore.set(l.id, api.lessons.progress.get(l.id));
  });
  after(async () => {
    await api.lessons.quizzes.apply({ type: 'quizReset', lessonId: LESSON });
    await api.review.store.clear();
    for (const [id, state] of progressBefore) await api.lessons.progress.set(id, state);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a question answered wrong shows its hint; a number typed with a decimal comma is right; both counted', async () => {
    const lessons = api.lessons;
    await lessons.quizzes.apply({ type: 'quizReset', lessonId: LESSON });
    const rendered = nextRender(lessons, LESSON);
    assert.ok(await lessons.reader.show({ lessonId: LESSON, language: 'en' }));
    await rendered;
    await pageAction({ action: 'waitFor', selector: '.il-quiz-reset' }); // the host's quiz state arrived
    await treeSays(lessons, LESSON, /0\/6 ✓/);

    // The second choice (a wrong one) clicked, then Check.
    await pageAction({ action: 'click', selector: q(SINGLE, ' input[data-quiz-choice="1"]') });
    await pageAction({ action: 'click', selector: q(SINGLE, ' button[data-quiz-action="check"]') });
    const wrong = await until('the wrong answer stored', () => lessons.quizzes.lesson(LESSON)[SINGLE]);
    assert.deepStrictEqual([wrong.state, wrong.answer], ['wrong', [1]]);
    const hints = await queryPage(q(SINGLE, ' [data-quiz-part="hint"]:not([hidden])'));
    assert.deepStrictEqual(
      hints.map((h) => h.data.quizChoice),
      ['1'],
      'the wrong choice’s hint is shown',
    );

    await pageAction({ action: 'click', selector: q(NUMBER, ' input[data-quiz-input]') });
    await pageAction({ action: 'type', text: '0,75' });
    await pageAction({ action: 'press', key: 'Enter' });
    const right = await until('the right answer stored', () => lessons.quizzes.lesson(LESSON)[NUMBER]);
    assert.deepStrictEqual([right.state, right.answer], ['right', '0,75']);
    await pageAction({ action: 'waitFor', selector: q(NUMBER, '[data-quiz-state="right"]') });
    await treeSays(lessons, LESSON, /2\/6 ✓.*2 of 6 questions answered/);
  });

  it("Review Terms on lesson 1's terms: Show Answer, then 3 grades the card Good and the due count drops", async () => {
    await api.review.store.clear();
    const [first] = (await api.lessons.courses.get()).lessons;
    await vscode.commands.executeCommand(Commands.markRead, api.lessons.tree.lessonNode(first.id));
    const due = await until('cards due', () => (api.review.dueCards().length ? api.review.dueCards() : undefined));
    await until('the count of due cards', () => api.review.reminders.count === due.length || undefined);
    const shown = (accept: (s: ReviewShown) => boolean) =>
      nextEvent(api.review.panel.onDidShow, accept, 'the review page');
    const firstShown = shown((s) => s.key === cardKey(due[0]) && !s.answer);
    await vscode.commands.executeCommand(Commands.reviewTerms);
    await firstShown;
    const answer = shown((s) => s.key === cardKey(due[0]) && s.answer);
    await pageAction({ action: 'click', selector: '.il-review-prompt', frame: '.il-review' });
    await pageAction({ action: 'press', key: 'Space', frame: '.il-review' });
    await answer;
    const graded = nextEvent(api.review.store.onDidGrade, (g) => cardKey(g.card) === cardKey(due[0]), 'the grade');
    await pageAction({ action: 'press', key: '3', frame: '.il-review' });
    assert.strictEqual((await graded).grade, 3);
    await until('one fewer due', () => api.review.reminders.count === due.length - 1 || undefined);
    const schedule = api.review.store.schedules()[due[0].termId]?.[due[0].direction];
    assert.strictEqual(schedule?.scheduledDays, 3, 'a new card graded Good comes back in 3 days');
  });
});

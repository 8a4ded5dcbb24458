// Checked questions in the real VS Code (issue 19): the outer Playwright driver answers two questions of a lesson
// with the keyboard in the reader page (one wrong, one right); the host stores both and the Lessons tree counts
// them; the window is reloaded for real (test/integration/helpers/reload.ts: this file has a second phase) and
// the answers are still stored, counted and shown in the restored page; then the page's Reset clears them.
// The lesson is the one the reload test also leaves open, so that both second phases find the reader on it.
import * as assert from 'assert';
import * as fs from 'fs';
import { StateKeys } from '../../src/constants';
import { lessonsApi } from './helpers/api';
import { nextRender, treeSays } from './helpers/lessons';
import { pageAction, pageDriverAvailable, queryPage } from './helpers/page';
import { readReloadState, reloadFile, writeReloadState } from './helpers/reload';
import { until } from './helpers/until';

const LESSON = 'concepts-and-terms';
const SINGLE = 'zero-vs-mean-ablation';
const NUMBER = 'patching-fraction-restored';
const q = (quizId: string, rest = '') => `section.il-quiz[data-quiz-id="${quizId}"]${rest}`;

/** Where this file's first phase leaves its word for the second (the reload file belongs to the reload test). */
const phaseFile = () => `${reloadFile()}.quiz.json`;

describe('Quiz', function () {
  this.timeout(120_000);

  if (readReloadState().phase !== 'after') {
    it('a stored record this version cannot read is set aside under a key of its own, not dropped', async () => {
      const lessons = await lessonsApi();
      const store = lessons.quizzes;
      const foreign = { version: 9, lessons: { [LESSON]: { [SINGLE]: { state: 'right', at: 1 } } } };
      const before = store.setAsideKeys();
      await store.memento.update(StateKeys.quiz, foreign);
      assert.deepStrictEqual(store.answers(), {}, 'nothing of it is read');
      await store.settled();
      const added = store.setAsideKeys().filter((k) => !before.includes(k));
      assert.strictEqual(added.length, 1);
      const kept = store.memento.get<{ value: unknown; reason: string }>(added[0]);
      assert.deepStrictEqual(kept?.value, foreign);
      assert.match(kept?.reason ?? '', /version 9/);
      // Eventually: the extension host's copy of globalState can briefly show the foreign record again after the
      // store freed the key (seen once in .ci/run on VS Code 1.139.1, probably the test's own write echoed back
      // after the store's); the store then reads it as unreadable again and sets it aside again.
      await until('the answers key free again', () =>
        store.answers() && store.memento.get(StateKeys.quiz) === undefined ? true : undefined,
      );
      await store.settled();
      for (const key of store.setAsideKeys().filter((k) => !before.includes(k)))
        await store.memento.update(key, undefined);
    });

    it('answer one question wrong and one right with the keyboard: stored, counted in the tree', async function () {
      if (!reloadFile()) this.skip(); // not under test/host/run.mjs: nothing drives the page or reloads
      assert.ok(pageDriverAvailable(), 'the page driver runs (test/host/run.mjs)');
      const lessons = await lessonsApi();
      await lessons.quizzes.apply({ type: 'quizReset', lessonId: LESSON });
      const rendered = nextRender(lessons, LESSON);
      assert.ok(await lessons.reader.show({ lessonId: LESSON, language: 'vi' }));
      await rendered;
      await pageAction({ action: 'waitFor', selector: '.il-quiz-reset' }); // the host's quizState arrived
      await treeSays(lessons, LESSON, /0\/6 ✓.*0 of 6 questions answered/);

      // Single choice: into the first radio, ArrowDown to the second (a wrong one), Tab to Check, Enter.
      await pageAction({ action: 'click', selector: q(SINGLE, ' input[data-quiz-choice="0"]') });
      await pageAction({ action: 'press', key: 'ArrowDown' });
      await pageAction({ action: 'press', key: 'Tab' });
      await pageAction({ action: 'press', key: 'Enter' });
      const wrong = await until('the wrong answer stored', () => lessons.quizzes.lesson(LESSON)[SINGLE]);
      assert.deepStrictEqual([wrong.state, wrong.answer], ['wrong', [1]]);
      const hints = await queryPage(q(SINGLE, ' [data-quiz-part="hint"]:not([hidden])'));
      assert.deepStrictEqual(
        hints.map((h) => h.data.quizChoice),
        ['1'],
        'the wrong choice’s hint is shown',
      );

      // Number: typed with a decimal comma, Enter in the field checks it.
      await pageAction({ action: 'click', selector: q(NUMBER, ' input[data-quiz-input]') });
      await pageAction({ action: 'type', text: '0,75' });
      await pageAction({ action: 'press', key: 'Enter' });
      const right = await until('the right answer stored', () => lessons.quizzes.lesson(LESSON)[NUMBER]);
      assert.deepStrictEqual([right.state, right.answer], ['right', '0,75']);
      await treeSays(lessons, LESSON, /2\/6 ✓.*2 of 6 questions answered/);

      fs.writeFileSync(phaseFile(), JSON.stringify({ answered: [SINGLE, NUMBER] }));
      writeReloadState({ ...readReloadState(), requested: true });
    });
    return;
  }

  it('after the reload: the answers are stored, counted, shown in the page, and Reset clears them', async () => {
    assert.ok(fs.existsSync(phaseFile()), 'the first phase answered the questions');
    const lessons = await lessonsApi();
    await until('the restored reader on the lesson', () => lessons.reader.lastRendered?.lessonId === LESSON, 90_000);
    const stored = lessons.quizzes.lesson(LESSON);
    assert.deepStrictEqual(
      [stored[SINGLE]?.state, stored[SINGLE]?.answer, stored[NUMBER]?.state, stored[NUMBER]?.answer],
      ['wrong', [1], 'right', '0,75'],
    );
    await treeSays(lessons, LESSON, /2\/6 ✓/);
    await pageAction({ action: 'waitFor', selector: q(NUMBER, '[data-quiz-state="right"]') }, 30_000);
    const picked = await queryPage(q(SINGLE, '[data-quiz-state="wrong"] input:checked'));
    assert.deepStrictEqual(
      picked.map((p) => p.data.quizChoice),
      ['1'],
    );
    assert.strictEqual((await queryPage(q(NUMBER, ' .il-quiz-status')))[0]?.text, 'Right.');

    // Reset: the button, then the confirm step's Clear answers (clicked: an Enter pressed as the step appears could
    // reach the page before the step's focus does, seen once on VS Code 1.96; the keys are covered in Chromium).
    await pageAction({ action: 'click', selector: '.il-quiz-reset button[data-quiz-reset="ask"]' });
    await pageAction({ action: 'click', selector: '.il-quiz-reset button[data-quiz-reset="yes"]' });
    await until('the answers cleared', () => Object.keys(lessons.quizzes.lesson(LESSON)).length === 0);
    await treeSays(lessons, LESSON, /0\/6 ✓/);
    assert.deepStrictEqual(await queryPage('[data-quiz-state]'), []);
    fs.rmSync(phaseFile(), { force: true });
  });
});

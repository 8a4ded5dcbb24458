// Checked questions in the reader page (issue 19), in headless Chromium with the real page script, CSS and CSP:
// answered with the keyboard only (Space and arrows in a group, Tab, Enter), a wrong choice shows its hint and a
// working "Read again" link, a right one the explanation, a typing problem is said and not recorded, an open
// question is revealed and self-graded; each answer is posted; the host's 'quizState' shows answers again; Reset
// asks first and clears.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { lessonPlainText } from '../../src/core';
import { hostSends, launchChromium, lessonArticle, openReaderPage, posted, showLesson } from './helpers/readerHarness';

const LESSON = 'quiz-lesson';
const MARKDOWN = `# Questions

## Basics {#basics}

${'Some text to read before the questions.\n\n'.repeat(40)}

## Check your understanding {#check-understanding}

\`\`\`quiz
id: pick
type: single
question: Which is right?
choices:
  - text: The right one
    correct: true
  - text: The wrong one
    hint: Read the basics again.
    section: basics
  - text: Another wrong one
explanation: Because it is.
\`\`\`

\`\`\`quiz
id: many
type: multiple
question: Which two?
choices:
  - text: First
    correct: true
  - text: Second
    hint: Not this one.
  - text: Third
    correct: true
explanation: The first and the third.
\`\`\`

\`\`\`quiz
id: weight
type: number
question: How heavy, in kg?
answer: 1.5
tolerance: 0.01
unit: kg
explanation: One and a half.
\`\`\`

\`\`\`quiz
id: why
type: open
question: Why?
answer: Because of the basics.
\`\`\`
`;

const sel = (quizId: string, rest = '') => `section.il-quiz[data-quiz-id="${quizId}"] ${rest}`.trim();

describe('Checked questions in the reader page (headless Chromium, real CSP)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const { article, body } = lessonArticle(LESSON, MARKDOWN);

  /** The element that has focus: its tag, id, class and text, to check where the keyboard is. */
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName ?? '', id: el?.id ?? '', cls: el?.className ?? '', text: el?.textContent ?? '' };
    });
  const visible = (selector: string) => page.$$eval(selector, (els) => els.map((e) => !(e as HTMLElement).hidden));
  const status = (quizId: string) => page.$eval(sel(quizId, '.il-quiz-status'), (e) => e.textContent);
  /** What the page's live region says (after the frame it writes in). */
  const heard = (text: string) =>
    page.waitForFunction((t) => document.querySelector('.il-quiz-announcer')?.textContent === t, text);
  const answers = async () =>
    (await posted(page, 'quizAnswer')).map(({ quizId, state, answer }) => ({ quizId, state, answer }));

  async function showFresh(saved: Record<string, unknown> = {}): Promise<void> {
    await showLesson(page, LESSON, article);
    await hostSends(page, { type: 'quizState', lessonId: LESSON, answers: saved, labels: {} });
    await page.waitForSelector('.il-quiz-reset');
  }

  before(async () => {
    browser = await launchChromium();
    page = await openReaderPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('single choice with the keyboard: wrong shows the hint and its link, right the explanation; both posted', async () => {
    await showFresh();
    assert.strictEqual(await page.$$eval('#check-understanding + .il-quiz-reset', (e) => e.length), 1);
    await page.focus(sel('pick', 'input[data-quiz-choice="0"]'));
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown'); // the second choice, as radios do
    assert.strictEqual(await page.$eval(sel('pick', 'input:checked'), (e) => (e as HTMLInputElement).value), '1');
    await page.keyboard.press('Tab');
    assert.strictEqual((await focused()).text, 'Check');
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => document.querySelector(s)?.textContent !== '', sel('pick', '.il-quiz-status'));
    assert.strictEqual(await status('pick'), 'Not quite: see the hint.');
    await heard('Not quite: see the hint.');
    assert.deepStrictEqual(await visible(sel('pick', '[data-quiz-part="hint"]')), [true]);
    assert.deepStrictEqual(await visible(sel('pick', '[data-quiz-part="explanation"]')), [false]);
    assert.match((await focused()).cls, /il-quiz-hint/, 'focus moves to the hint');
    assert.deepStrictEqual(await answers(), [{ quizId: 'pick', state: 'wrong', answer: [1] }]);

    // The hint's "Read again" link goes to its section through the page's anchor links.
    await page.keyboard.press('Tab');
    assert.match((await focused()).text, /^Read again: Basics/);
    await page.keyboard.press('Enter');
    // At the top of the view (less its scroll margin), where the quiz was far below.
    await page.waitForFunction(() => Math.abs(document.getElementById('basics')!.getBoundingClientRect().top) < 40);

    await page.focus(sel('pick', 'input:checked'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter'); // Enter on a choice checks, as in a form
    await page.waitForFunction(
      (s) => document.querySelector(s)?.textContent === 'Right.',
      sel('pick', '.il-quiz-status'),
    );
    assert.deepStrictEqual(await visible(sel('pick', '[data-quiz-part]')), [false, true]);
    assert.match((await focused()).cls, /il-quiz-explanation/);
    assert.deepStrictEqual((await answers())[1], { quizId: 'pick', state: 'right', answer: [0] });
    assert.strictEqual(await page.$eval(sel('pick'), (e) => (e as HTMLElement).dataset.quizState), 'right');
  });

  it('multiple choice: a correct answer not picked is said; Space picks', async () => {
    await page.focus(sel('many', 'input[data-quiz-choice="0"]'));
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.strictEqual((await focused()).text, 'Check');
    await page.keyboard.press('Enter');
    assert.strictEqual(await status('many'), 'Not quite: some correct answers are not picked.');
    await page.focus(sel('many', 'input[data-quiz-choice="2"]'));
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    assert.strictEqual(await status('many'), 'Right.');
    assert.deepStrictEqual((await answers()).slice(-2), [
      { quizId: 'many', state: 'wrong', answer: [0] },
      { quizId: 'many', state: 'right', answer: [0, 2] },
    ]);
  });

  it('number: a typing problem is said and not recorded; "1,5 kg" is right and shows the answer', async () => {
    const before = (await answers()).length;
    await page.focus(sel('weight', 'input[data-quiz-input]'));
    await page.keyboard.type('1.5 lb');
    await page.keyboard.press('Enter');
    assert.strictEqual(await status('weight'), 'Use the unit kg, or no unit.');
    await heard('Use the unit kg, or no unit.');
    assert.strictEqual(await page.$eval(sel('weight', 'input'), (e) => e.getAttribute('aria-invalid')), 'true');
    assert.strictEqual((await focused()).tag, 'INPUT', 'the cursor stays in the field');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    assert.strictEqual(await status('weight'), 'Not quite: try again.');
    await page.focus(sel('weight', 'input[data-quiz-input]'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1,5 kg');
    await page.keyboard.press('Enter');
    assert.strictEqual(await status('weight'), 'Right.');
    assert.deepStrictEqual(await visible(sel('weight', '[data-quiz-part]')), [true, true]);
    assert.strictEqual(await page.$eval(sel('weight', 'input'), (e) => e.getAttribute('aria-invalid')), null);
    assert.deepStrictEqual((await answers()).slice(before), [
      { quizId: 'weight', state: 'wrong', answer: '2' },
      { quizId: 'weight', state: 'right', answer: '1,5 kg' },
    ]);
  });

  it('open: Reveal shows the answer, then "I had it" is posted and said', async () => {
    await page.focus(sel('why', 'button[data-quiz-action="reveal"]'));
    await page.keyboard.press('Space');
    assert.deepStrictEqual(await visible(sel('why', '[data-quiz-part="answer"]')), [true]);
    assert.match((await focused()).cls, /il-quiz-answer/);
    await page.keyboard.press('Tab');
    assert.strictEqual((await focused()).text, 'I had it');
    await page.keyboard.press('Enter');
    assert.strictEqual(await status('why'), 'You had it.');
    await heard('You had it.');
    assert.strictEqual((await focused()).text, 'I had it', 'the pressed button keeps the focus');
    assert.strictEqual(
      await page.$eval(sel('why', '[data-quiz-action="self-right"]'), (e) => e.getAttribute('aria-pressed')),
      'true',
    );
    assert.deepStrictEqual((await answers()).at(-1), { quizId: 'why', state: 'revealed-right', answer: undefined });
  });

  it("the host's quizState shows stored answers again, posting nothing", async () => {
    await showFresh({
      pick: { state: 'wrong', answer: [1] },
      many: { state: 'right', answer: [0, 2] },
      weight: { state: 'right', answer: '1,5' },
      why: { state: 'revealed-wrong' },
    });
    await page.waitForFunction(
      (s) => !!document.querySelector(s),
      sel('pick', '[data-quiz-state="wrong"]').replace(' [', '['),
    );
    assert.strictEqual(await page.$eval(sel('pick', 'input:checked'), (e) => (e as HTMLInputElement).value), '1');
    assert.deepStrictEqual(await visible(sel('pick', '[data-quiz-part]')), [true, false]);
    assert.deepStrictEqual(
      await page.$$eval(sel('many', 'input:checked'), (els) => els.map((e) => (e as HTMLInputElement).value)),
      ['0', '2'],
    );
    assert.strictEqual(await page.$eval(sel('weight', 'input'), (e) => (e as HTMLInputElement).value), '1,5');
    assert.strictEqual(await status('weight'), 'Right.');
    assert.strictEqual(await status('why'), 'Marked for another look.');
    assert.deepStrictEqual(await answers(), []);
    // Labels from the host replace the English ones.
    await hostSends(page, {
      type: 'quizState',
      lessonId: LESSON,
      answers: {},
      labels: { reset: 'Xóa các câu trả lời' },
    });
    await page.waitForFunction(
      () => document.querySelector('.il-quiz-reset button')?.textContent === 'Xóa các câu trả lời',
    );
    assert.strictEqual(await page.$$eval('[data-quiz-state]', (e) => e.length), 0, 'an empty set clears the page');
  });

  it('answers sent before the lesson are shown before it scrolls (a saved position then lands where it was)', async () => {
    await hostSends(page, {
      type: 'quizState',
      lessonId: LESSON,
      answers: { why: { state: 'revealed-right' } },
      labels: {},
    });
    await page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
    // The page scrolls to a position saved while the answer was shown: the end of the page.
    await page.evaluate((m) => window.postMessage(m, '*'), {
      type: 'show',
      lessonId: LESSON,
      html: article,
      title: LESSON,
      scroll: { ratio: 1 },
    });
    await page.waitForFunction(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'rendered'),
    );
    assert.deepStrictEqual(
      await page.$$eval('[data-quiz-state]', (e) => e.map((x) => (x as HTMLElement).dataset.quizId)),
      ['why'],
    );
    assert.deepStrictEqual(await visible(sel('why', '[data-quiz-part="answer"]')), [true]);
    const atEnd = await page.evaluate(
      () => Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2,
    );
    assert.ok(atEnd, 'scrolled to the end of the page with the answer shown');
  });

  it('results and Reset add nothing to the lesson text annotations count: a highlight after them is drawn', async () => {
    // The page shows answers (results beside every question, the Reset bar); the host's plain text has none.
    const text = lessonPlainText(body);
    const start = text.indexOf('Because of the basics.');
    assert.ok(start > 0);
    await hostSends(page, {
      type: 'quizState',
      lessonId: LESSON,
      answers: { pick: { state: 'wrong', answer: [1] }, weight: { state: 'right', answer: '1,5' } },
      labels: {},
    });
    await page.waitForSelector(sel('weight') + '[data-quiz-state="right"]');
    await page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
    const item = { id: 'after-quiz', color: 'yellow', start, end: start + 10, noteHtml: '' };
    const labels = {
      toolbar: 'T',
      highlight: 'H',
      addNote: 'N',
      copyQuote: 'Q',
      edit: 'E',
      delete: 'D',
      colors: { yellow: 'Y', green: 'G', blue: 'B', pink: 'P' },
    };
    await hostSends(page, {
      type: 'annotations',
      lessonId: LESSON,
      seq: 1,
      textLength: text.length,
      items: [item],
      labels,
    });
    await page.waitForFunction(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'annotationsDrawn'),
    );
    const [report] = await posted(page, 'annotationsDrawn');
    assert.deepStrictEqual([report.drawn, report.notDrawn], [1, []]);
  });

  it('Reset asks first (Escape cancels), then clears every question and posts quizReset', async () => {
    await showFresh({ pick: { state: 'right', answer: [0] }, weight: { state: 'wrong', answer: '3' } });
    await page.waitForSelector(sel('pick', '') + '[data-quiz-state="right"]');
    await page.focus('.il-quiz-reset button[data-quiz-reset="ask"]');
    await page.keyboard.press('Enter');
    assert.deepStrictEqual(await visible('.il-quiz-reset-confirm'), [true]);
    assert.strictEqual((await focused()).text, 'Clear answers');
    await page.keyboard.press('Escape');
    assert.deepStrictEqual(await visible('.il-quiz-reset-confirm'), [false]);
    assert.strictEqual((await focused()).text, 'Reset answers');
    assert.strictEqual(await page.$$eval('[data-quiz-state]', (e) => e.length), 2, 'nothing cleared yet');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    assert.deepStrictEqual(await posted(page, 'quizReset'), [{ type: 'quizReset', lessonId: LESSON }]);
    assert.strictEqual(await page.$$eval('[data-quiz-state]', (e) => e.length), 0);
    assert.strictEqual(await page.$$eval('.il-quiz input:checked', (e) => e.length), 0);
    assert.strictEqual(await page.$eval(sel('weight', 'input'), (e) => (e as HTMLInputElement).value), '');
    assert.deepStrictEqual(await page.$$eval('.il-quiz [data-quiz-part]:not([hidden])', (e) => e.length), 0);
    assert.strictEqual(await page.$eval('.il-quiz-reset-status', (e) => e.textContent), 'Answers cleared.');
    assert.strictEqual((await focused()).text, 'Reset answers');
    assert.deepStrictEqual(
      await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
      [],
    );
  });
});

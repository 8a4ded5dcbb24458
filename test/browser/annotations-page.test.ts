// The reader page's annotations (issue 16) in headless Chromium: the real page script and CSS under the real
// CSP, a shipped lesson with formulas, fed the host's 'annotations' messages. Highlights are drawn with the
// right text (across a formula, overlapping), a text length that disagrees draws nothing, a selection made with
// the mouse, by a Range or with the keyboard gives the toolbar and an 'annotate' message with the right range,
// the popover posts its actions, notes sit under their paragraph or in the margin, a reveal scrolls and flashes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { lessonPlainText, parseReaderMessage } from '../../src/core';
import {
  hostSends,
  launchChromium,
  lessonArticle,
  openReaderPage,
  posted,
  showLesson,
  type PageWindow,
} from './helpers/readerHarness';

const LESSON = 'en/01-what-is-mech-interp';
const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOTS = process.env.INTERP_SCREENSHOTS || path.join(ROOT, 'dist', 'screenshots');
const LABELS = {
  toolbar: 'Annotate the selection',
  highlight: 'Highlight',
  addNote: 'Add Note…',
  copyQuote: 'Copy as Quote',
  edit: 'Edit',
  delete: 'Delete',
  colors: { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' },
};

/** In the page: the plain text each highlight's elements hold (a formula counts as its TeX), in order. */
function drawnText(id: string): string {
  const els = Array.from(document.querySelectorAll<HTMLElement>(`[data-il-ann~="${id}"]`));
  return els
    .map((el) =>
      el.classList.contains('il-hl-formula')
        ? (el.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '')
        : el.textContent,
    )
    .join('');
}

describe('Annotations in the reader page (headless Chromium, real CSP)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const markdown = fs.readFileSync(path.join(ROOT, 'lessons', `${LESSON}.md`), 'utf8');
  const { article, body } = lessonArticle(LESSON, markdown);
  const text = lessonPlainText(body);
  const at = (s: string, from = 0) => {
    const i = text.indexOf(s, from);
    assert.ok(i >= 0, `"${s}" is in the lesson's plain text`);
    return i;
  };
  // A range across the inline formula $x = 0$, two overlapping ranges, and two notes close together.
  const formulaAt = at('x = 0', at('the predicted score at'));
  const across = { id: 'across', color: 'blue', start: at('predicted score at'), end: at(' which means', formulaAt) };
  const first = { id: 'first', color: 'yellow', start: at('A trained language'), end: at('A trained language') + 40 };
  const second = { id: 'second', color: 'green', start: first.start + 20, end: first.start + 60 };
  const noted = { id: 'noted', color: 'pink', start: at('This lesson uses'), end: at('This lesson uses') + 16 };
  const noted2 = { id: 'noted2', color: 'yellow', start: noted.end + 1, end: noted.end + 18 };
  const note = (id: string) => `<p>Note of <strong>${id}</strong></p>`;
  const items = [
    { ...across, noteHtml: '' },
    { ...first, noteHtml: '' },
    { ...second, noteHtml: '' },
    { ...noted, noteHtml: note('noted') },
    { ...noted2, noteHtml: note('noted2') },
  ];
  let seq = 0;
  const sendAnnotations = (list: unknown[], textLength = text.length) =>
    hostSends(page, { type: 'annotations', lessonId: LESSON, seq: ++seq, textLength, items: list, labels: LABELS });
  const drawnReport = async (s: number) => {
    await page.waitForFunction(
      (n) => (window as unknown as PageWindow).__posted.some((m) => m.type === 'annotationsDrawn' && m.seq === n),
      s,
    );
    return (await posted(page, 'annotationsDrawn')).find((m) => m.seq === s)!;
  };

  before(async () => {
    browser = await launchChromium();
    page = await openReaderPage(browser);
  });
  beforeEach(async () => {
    await page.setViewportSize({ width: 900, height: 800 });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await showLesson(page, LESSON, article);
  });
  afterEach(async () => {
    // Everything the page posted is a valid reader message, and the CSP refused nothing.
    const w = await page.evaluate(() => ({
      posted: (window as unknown as PageWindow).__posted,
      violations: (window as unknown as PageWindow).__violations,
    }));
    for (const m of w.posted) assert.ok(parseReaderMessage(m), `refused by parseReaderMessage: ${JSON.stringify(m)}`);
    assert.deepStrictEqual(w.violations, []);
  });
  after(async () => {
    await browser?.close();
  });

  it('draws highlights with their text (across a formula, overlapping) and reports what it drew', async () => {
    const outside = { id: 'outside', color: 'yellow', start: text.length - 2, end: text.length + 5, noteHtml: '' };
    await sendAnnotations([...items, outside]);
    const report = await drawnReport(seq);
    assert.strictEqual(report.drawn, items.length);
    assert.deepStrictEqual(report.notDrawn, ['outside']);
    assert.ok(typeof report.ms === 'number' && report.ms >= 0);
    for (const item of items)
      assert.strictEqual(await page.evaluate(drawnText, item.id), text.slice(item.start, item.end), item.id);
    const page_ = await page.evaluate(() => ({
      formula: document.querySelector('.katex.il-hl-formula')?.getAttribute('data-il-ann'),
      nested: document.querySelectorAll('mark[data-il-ann="first"] mark[data-il-ann="second"]').length,
      bodyContext: document.querySelector<HTMLElement>('.il-lesson-body')?.dataset.vscodeContext,
      markContext: document.querySelector<HTMLElement>('mark[data-il-ann="first"]')?.dataset.vscodeContext,
      stops: document.querySelectorAll('[data-il-ann][tabindex="0"]').length,
    }));
    assert.strictEqual(page_.formula, 'across', 'the formula is marked whole');
    assert.strictEqual(page_.nested, 1, 'the overlap is a mark inside a mark');
    assert.deepStrictEqual(JSON.parse(page_.bodyContext!), {
      webviewSection: 'lessonText',
      preventDefaultContextMenuItems: false,
    });
    assert.deepStrictEqual(JSON.parse(page_.markContext!), { webviewSection: 'highlight', annotationId: 'first' });
    assert.strictEqual(page_.stops, items.length, 'one tab stop per highlight');
    // Drawing again replaces what was drawn, and the text is back as it was.
    await sendAnnotations([items[1]]);
    assert.strictEqual((await drawnReport(seq)).drawn, 1);
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('[data-il-ann]').length), 1);
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('.il-note').length), 0);
  });

  it('draws nothing when the host counts another text length, and reports every id', async () => {
    await sendAnnotations(items, text.length + 1);
    const report = await drawnReport(seq);
    assert.strictEqual(report.drawn, 0);
    assert.deepStrictEqual(
      report.notDrawn,
      items.map((i) => i.id),
    );
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('[data-il-ann], .il-note').length), 0);
  });

  it('a selection starting inside a formula: toolbar, and a highlight of the whole formula onwards', async () => {
    await sendAnnotations([]);
    await drawnReport(seq);
    // From a glyph of $x = 0$ (KaTeX's visual HTML) to the end of "little" after it.
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('.il-lesson-body')!, NodeFilter.SHOW_TEXT);
      let t: Node | null;
      while ((t = walker.nextNode()) && !t.textContent!.includes('the predicted score at'));
      const formula = t!.nextSibling as HTMLElement; // $x = 0$ follows "the predicted score at"
      const glyph = formula.querySelector('.katex-html .mord')!.firstChild!;
      const after = formula.nextSibling as Text;
      const r = document.createRange();
      r.setStart(glyph, 0);
      r.setEnd(after, after.data.indexOf('little') + 'little'.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(r);
    });
    await page.waitForSelector('.il-ann-toolbar[role="toolbar"]');
    const expected = { start: formulaAt, end: at('little', formulaAt) + 'little'.length };
    const selection = await page.waitForFunction(() =>
      (window as unknown as PageWindow).__posted.find(
        (m) => m.type === 'selection' && (m as { range?: unknown }).range,
      ),
    );
    const sel = (await selection.jsonValue()) as { range: Record<string, unknown> };
    assert.strictEqual(sel.range.exact, text.slice(expected.start, expected.end));
    assert.strictEqual(
      await page.getAttribute('.il-ann-toolbar .il-ann-color-yellow', 'aria-label'),
      'Highlight: Yellow',
    );
    await page.click('.il-ann-toolbar .il-ann-color-yellow');
    const [annotate] = await posted(page, 'annotate');
    assert.deepStrictEqual(annotate, {
      type: 'annotate',
      lessonId: LESSON,
      action: 'highlight',
      color: 'yellow',
      range: { ...expected, exact: text.slice(expected.start, expected.end), section: 'regression-analogy' },
    });
    assert.strictEqual(await page.$('.il-ann-toolbar'), null, 'the toolbar closes');
    // The selection is gone: the page says so.
    await page.waitForFunction(() => {
      const sel = (window as unknown as PageWindow).__posted.filter((m) => m.type === 'selection');
      return sel.length > 0 && !(sel[sel.length - 1] as { range?: unknown }).range;
    });
  });

  it('a selection made with the mouse posts the selected text; a click elsewhere clears it', async () => {
    const box = await page.evaluate(() => {
      const p = Array.from(document.querySelectorAll('.il-lesson-body p')).find((e) =>
        e.textContent!.startsWith('A trained language model'),
      )!;
      const r = document.createRange();
      r.setStart(p.firstChild!, 2);
      r.setEnd(p.firstChild!, 30);
      const rects = r.getClientRects();
      const a = rects[0];
      return { x1: a.left + 1, y: a.top + a.height / 2, x2: a.left + a.width * 0.8 };
    });
    await page.mouse.move(box.x1, box.y);
    await page.mouse.down();
    await page.mouse.move(box.x2, box.y, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('.il-ann-toolbar');
    const selected = await page.evaluate(() => document.getSelection()!.toString());
    assert.ok(selected.length > 10, `selected "${selected}"`);
    const sel = await page.waitForFunction(
      (s) =>
        (window as unknown as PageWindow).__posted.find(
          (m) => m.type === 'selection' && (m as { range?: { exact: string } }).range?.exact === s,
        ),
      selected,
    );
    const range = ((await sel.jsonValue()) as { range: { start: number; end: number; section?: string } }).range;
    assert.strictEqual(text.slice(range.start, range.end), selected);
    assert.strictEqual(range.section, 'what-is-mechanistic-interpretability', 'the title (h1) is the section');
    await page.mouse.click(5, 5);
    await page.waitForSelector('.il-ann-toolbar', { state: 'detached' });
  });

  it('keyboard: Alt+A enters the toolbar, arrows move, Enter acts, Escape closes and gives focus back', async () => {
    const select = () =>
      page.evaluate(() => {
        const p = Array.from(document.querySelectorAll('.il-lesson-body p')).find((e) =>
          e.textContent!.startsWith('A trained language model'),
        )!;
        const r = document.createRange();
        r.setStart(p.firstChild!, 0);
        r.setEnd(p.firstChild!, 9);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(r);
      });
    await select();
    await page.waitForSelector('.il-ann-toolbar');
    await page.keyboard.press('Alt+KeyA');
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
    assert.strictEqual(await focused(), 'Highlight: Yellow');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    assert.strictEqual(await focused(), 'Add Note…');
    await page.keyboard.press('ArrowLeft');
    assert.strictEqual(await focused(), 'Highlight: Pink');
    await page.keyboard.press('End');
    assert.strictEqual(await focused(), 'Copy as Quote');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    assert.strictEqual(await focused(), 'Copy as Quote', 'arrows wrap around');
    await page.keyboard.press('Enter');
    const [quote] = await posted(page, 'annotate');
    assert.strictEqual(quote.action, 'quote');
    assert.strictEqual((quote.range as { exact: string }).exact, 'A trained');
    assert.strictEqual(await page.$('.il-ann-toolbar'), null);
    await select();
    await page.waitForSelector('.il-ann-toolbar');
    await page.keyboard.press('Alt+KeyA');
    await page.keyboard.press('Escape');
    assert.strictEqual(await page.$('.il-ann-toolbar'), null, 'Escape closes the toolbar');
    assert.strictEqual(await page.evaluate(() => document.activeElement === document.body), true, 'focus is back');
  });

  it('the popover: click or Enter opens it with the note; Edit, Delete and a colour post; Escape closes', async () => {
    await sendAnnotations(items);
    await drawnReport(seq);
    await page.click('mark[data-il-ann="noted"]');
    await page.waitForSelector('.il-ann-popover[role="dialog"]');
    assert.strictEqual(await page.textContent('.il-ann-popover-note'), 'Note of noted');
    assert.strictEqual(await page.getAttribute('.il-ann-popover .il-ann-color-pink', 'aria-pressed'), 'true');
    await page.click('.il-ann-popover button:text("Edit")');
    assert.strictEqual(await page.$('.il-ann-popover'), null);
    await page.focus('mark[data-il-ann="noted"][tabindex="0"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.il-ann-popover');
    await page.keyboard.press('Escape');
    assert.strictEqual(await page.$('.il-ann-popover'), null, 'Escape closes the popover');
    assert.strictEqual(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ilAnn),
      'noted',
      'focus goes back to the highlight',
    );
    await page.keyboard.press('Enter');
    await page.click('.il-ann-popover .il-ann-color-green');
    await page.click('[data-il-ann="across"].il-hl-formula');
    await page.click('.il-ann-popover button:text("Delete")');
    assert.deepStrictEqual(
      (await posted(page, 'annotation')).map((m) => [m.id, m.action, m.color]),
      [
        ['noted', 'edit', undefined],
        ['noted', 'color', 'green'],
        ['across', 'delete', undefined],
      ],
    );
  });

  it('notes: under their paragraph on a narrow panel, in the margin beside their highlight on a wide one', async () => {
    await sendAnnotations(items);
    await drawnReport(seq);
    const narrow = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('aside.il-note')).map((n) => ({
        id: n.dataset.ilNote,
        inBody: !!n.closest('.il-lesson-body'),
        afterMark: !!n.previousElementSibling?.querySelector('mark[data-il-ann="noted"]'),
      })),
    );
    assert.deepStrictEqual(narrow, [
      { id: 'noted', inBody: true, afterMark: true },
      { id: 'noted2', inBody: true, afterMark: false },
    ]);
    await page.setViewportSize({ width: 1600, height: 800 });
    await page.waitForFunction(() => document.querySelectorAll('.il-notes-margin aside.il-note').length === 2);
    const wide = await page.evaluate(() => {
      const top = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      return {
        mark: top('mark[data-il-ann="noted"]').top,
        card: top('[data-il-note="noted"]').top,
        cardBottom: top('[data-il-note="noted"]').bottom,
        card2: top('[data-il-note="noted2"]').top,
        mark2: top('mark[data-il-ann="noted2"]').top,
        article: top('.il-article').right,
        margin: top('.il-notes-margin').left,
      };
    });
    assert.ok(Math.abs(wide.card - wide.mark) < 2, `card at ${wide.card}, its highlight at ${wide.mark}`);
    assert.ok(wide.card2 >= wide.cardBottom, 'the second card is stacked under the first, not over it');
    assert.ok(wide.card2 > wide.mark2 - 2, 'and never above its highlight');
    assert.ok(wide.margin > wide.article, 'the margin is right of the article');
    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForFunction(() => document.querySelectorAll('.il-lesson-body aside.il-note').length === 2);
  });

  it('revealAnnotation scrolls the highlight to the middle and flashes it (no animation with reduced motion)', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const far = { id: 'faraway', color: 'green', start: text.length - 30, end: text.length - 10, noteHtml: '' };
    await sendAnnotations([far]);
    await drawnReport(seq);
    await hostSends(page, { type: 'revealAnnotation', id: 'faraway' });
    await page.waitForSelector('mark[data-il-ann="faraway"].il-hl-flash');
    const where = await page.evaluate(() => {
      const r = document.querySelector('mark[data-il-ann="faraway"]')!.getBoundingClientRect();
      return {
        middle: (r.top + r.bottom) / 2,
        height: window.innerHeight,
        animation: getComputedStyle(document.querySelector('mark[data-il-ann="faraway"]')!).animationName,
        scrolled: window.scrollY,
      };
    });
    assert.ok(where.scrolled > 0, 'the page scrolled');
    assert.ok(where.middle > 0 && where.middle < where.height, `the highlight is on screen (${where.middle})`);
    assert.strictEqual(where.animation, 'none');
  });

  it('annotations sent for a lesson not shown yet wait for it; a new lesson takes the old highlights away', async () => {
    await hostSends(page, {
      type: 'annotations',
      lessonId: 'other',
      seq: ++seq,
      textLength: text.length,
      items: [items[1]],
      labels: LABELS,
    });
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('[data-il-ann]').length), 0);
    await showLesson(page, 'other', article);
    assert.strictEqual((await drawnReport(seq)).drawn, 1);
    await showLesson(page, LESSON, article);
    assert.strictEqual(await page.evaluate(() => document.querySelectorAll('[data-il-ann]').length), 0);
  });
});

/** VS Code's default colours (Light Modern, Dark Modern, Dark and Light High Contrast) of what the marks use. */
const THEMES: Record<string, Record<string, string>> = {
  'vscode-light': {
    'editor-background': '#ffffff',
    'editor-foreground': '#3b3b3b',
    'charts-yellow': '#bf8803',
    'charts-green': '#388a34',
    'charts-blue': '#1a85ff',
    'charts-red': '#e51400',
    'charts-purple': '#652d90',
  },
  'vscode-dark': {
    'editor-background': '#1f1f1f',
    'editor-foreground': '#cccccc',
    'charts-yellow': '#cca700',
    'charts-green': '#89d185',
    'charts-blue': '#3794ff',
    'charts-red': '#f14c4c',
    'charts-purple': '#b180d7',
  },
  'vscode-high-contrast': {
    'editor-background': '#000000',
    'editor-foreground': '#ffffff',
    'charts-yellow': '#ffd700',
    'charts-green': '#89d185',
    'charts-blue': '#3794ff',
    'charts-red': '#f14c4c',
    'charts-purple': '#b180d7',
    contrastActiveBorder: '#f38518',
  },
  'vscode-high-contrast-light': {
    'editor-background': '#ffffff',
    'editor-foreground': '#292929',
    'charts-yellow': '#895503',
    'charts-green': '#374e06',
    'charts-blue': '#0f4a85',
    'charts-red': '#b5200d',
    'charts-purple': '#652d90',
    contrastActiveBorder: '#006bbd',
  },
};

/** In the page: for each colour's mark, the text's contrast on the tinted background, the tint, the underline. */
function markColours(): { color: string; text: number; tint: number; line: string; lineContrast: number }[] {
  const parse = (c: string): number[] => {
    const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)/.exec(c);
    if (srgb) return [+srgb[1] * 255, +srgb[2] * 255, +srgb[3] * 255, srgb[4] === undefined ? 1 : +srgb[4]];
    const rgb = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(c)!;
    return [+rgb[1], +rgb[2], +rgb[3], rgb[4] === undefined ? 1 : +rgb[4]];
  };
  const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const lum = (c: number[]) =>
    [0, 1, 2]
      .map((i) => c[i] / 255)
      .map((s) => (s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4)))
      .reduce((sum, s, i) => sum + s * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a: number[], b: number[]) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  return ['yellow', 'green', 'blue', 'pink'].map((color) => {
    const cs = getComputedStyle(document.querySelector(`mark.il-hl-${color}`)!);
    const bg = over(parse(cs.backgroundColor), page);
    return {
      color,
      text: contrast(parse(cs.color), bg),
      tint: contrast(bg, page),
      line: cs.textDecorationLine === 'none' ? 'none' : cs.textDecorationStyle,
      lineContrast: contrast(parse(cs.textDecorationColor), page),
    };
  });
}

describe('Annotations in the reader page: highlight colours in light, dark and both high-contrast themes', function () {
  this.timeout(120_000);
  let browser: Browser;
  const markdown = fs.readFileSync(path.join(ROOT, 'lessons', `${LESSON}.md`), 'utf8');
  const { article, body } = lessonArticle(LESSON, markdown);
  const text = lessonPlainText(body);
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [theme, vars] of Object.entries(THEMES)) {
    it(`${theme}: text stays readable on every colour, which is visible (high contrast: a line style per colour)`, async () => {
      const page = await openReaderPage(browser, { width: 1500, height: 900 }, theme, vars);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      try {
        await showLesson(page, LESSON, article);
        const from = text.indexOf('A trained language');
        const items = ['yellow', 'green', 'blue', 'pink'].map((color, i) => ({
          id: `colour-${color}`,
          color,
          start: from + i * 30,
          end: from + i * 30 + 25,
          noteHtml: i === 1 ? '<p>A note in the margin.</p>' : '',
        }));
        await hostSends(page, { type: 'annotations', lessonId: LESSON, seq: 1, textLength: text.length, items });
        await page.waitForSelector('mark.il-hl-pink');
        const colours = await page.evaluate(markColours);
        console.log(`      text contrast ${colours.map((c) => `${c.color} ${c.text.toFixed(1)}`).join(', ')}`);
        const highContrast = theme.includes('high-contrast');
        for (const c of colours) {
          assert.ok(c.text >= 4.5, `${c.color}: text contrast ${c.text.toFixed(2)} on the highlight`);
          if (highContrast) assert.ok(c.lineContrast >= 3, `${c.color}: line contrast ${c.lineContrast.toFixed(2)}`);
          else assert.ok(c.tint >= 1.15, `${c.color}: the tint is too faint (${c.tint.toFixed(2)})`);
        }
        if (highContrast)
          assert.strictEqual(new Set(colours.map((c) => c.line)).size, 4, `line styles ${colours.map((c) => c.line)}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `annotations-${theme}.png`) });
      } finally {
        await page.close();
      }
    });
  }
});

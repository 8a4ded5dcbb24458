// The reader page's annotations (issue 16) in headless Chromium: the real page script and CSS under the real
// CSP, a shipped lesson with formulas, fed the host's 'annotations' messages. Highlights are painted through the
// CSS Custom Highlight API with the right text (across a formula, overlapping) and the lesson's DOM untouched, a
// text length that disagrees paints nothing, a selection made with the mouse, by a Range or with the keyboard
// gives the toolbar and an 'annotate' message with the right range, a click on a highlight and the keyboard
// overlay open the popover, which posts its actions, a right-click gives VS Code's context menu the highlight,
// notes sit under their paragraph or in the margin, a reveal scrolls and flashes.
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

interface DrawnEntry {
  id: string;
  color: string;
  text: string;
}
/** The page's test hook (src/webview/reader.ts). */
interface HookWindow {
  __ilAnnotations: { drawn(): DrawnEntry[] };
}

/**
 * In the page: the registered highlight of a colour, its Ranges in document order, each as plain text (a Range
 * around a formula as its TeX, as the lesson's plain text counts it).
 */
function paintedPieces(color: string): string[] {
  const h = CSS.highlights.get(`il-hl-${color}`);
  if (!h) return [];
  const ranges = [...(h as unknown as Set<Range>)] as Range[];
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  return ranges.map((r) => {
    const node = r.startContainer.childNodes[r.startOffset] as Element | undefined;
    const formula = node && r.endOffset === r.startOffset + 1 && node.classList?.contains('katex');
    return formula ? (node.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '') : r.toString();
  });
}

/**
 * In the page: the viewport rectangle of the first line of the run of `color`'s Ranges whose text (joined) is
 * `text`, found in the registry (so it is what is painted, not what the page believes it painted).
 */
function paintedRect([color, text]: [string, string]): { x: number; y: number; top: number; bottom: number } {
  const h = CSS.highlights.get(`il-hl-${color}`)!;
  const ranges = ([...(h as unknown as Set<Range>)] as Range[]).sort((a, b) =>
    a.compareBoundaryPoints(Range.START_TO_START, b),
  );
  for (let i = 0; i < ranges.length; i++) {
    let joined = '';
    for (let j = i; j < ranges.length && joined.length < text.length; j++) joined += ranges[j].toString();
    if (joined !== text) continue;
    const r = Array.from(ranges[i].getClientRects()).find((x) => x.width > 0)!;
    return { x: r.left + Math.min(4, r.width / 2), y: r.top + r.height / 2, top: r.top, bottom: r.bottom };
  }
  throw new Error(`no painted ${color} range reads "${text}"`);
}

/** In the page: collects data-vscode-context from the target up as VS Code's webview host does (inner wins). */
function listenAsVsCode(): void {
  const w = window as unknown as { __contexts: Record<string, unknown>[] };
  w.__contexts = [];
  window.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    let context: Record<string, unknown> = {};
    for (let el = (e.target as Element).closest<HTMLElement>('[data-vscode-context]'); el;) {
      context = { ...JSON.parse(el.dataset.vscodeContext!), ...context };
      el = el.parentElement?.closest<HTMLElement>('[data-vscode-context]') ?? null;
    }
    w.__contexts.push(context);
  });
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
  // Inside `first` (and shorter): the innermost under a click or right-click there.
  const inner = { id: 'inner', color: 'pink', start: first.start + 4, end: first.start + 14 };
  const note = (id: string) => `<p>Note of <strong>${id}</strong></p>`;
  const items = [
    { ...across, noteHtml: '' },
    { ...first, noteHtml: '' },
    { ...second, noteHtml: '' },
    { ...inner, noteHtml: '' },
    { ...noted, noteHtml: note('noted') },
    { ...noted2, noteHtml: note('noted2') },
  ];
  const quote = (i: { start: number; end: number }) => text.slice(i.start, i.end);
  const drawnList = () => page.evaluate(() => (window as unknown as HookWindow).__ilAnnotations.drawn());
  /** The viewport point a little inside the first line of a painted highlight. */
  const pointIn = (i: { color: string; start: number; end: number }) =>
    page.evaluate(paintedRect, [i.color, quote(i)] as [string, string]);
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

  it('paints highlights with their text (across a formula, overlapping), the lesson DOM untouched, and reports', async () => {
    const outside = { id: 'outside', color: 'yellow', start: text.length - 2, end: text.length + 5, noteHtml: '' };
    const before = await page.evaluate(() => document.querySelector('.il-lesson-body')!.innerHTML);
    await sendAnnotations([...items, outside]);
    const report = await drawnReport(seq);
    assert.strictEqual(report.drawn, items.length);
    assert.deepStrictEqual(report.notDrawn, ['outside']);
    assert.ok(typeof report.ms === 'number' && report.ms >= 0);
    // The registry: one Highlight per colour, whose Ranges read, in order, the plain text of that colour's items.
    for (const color of ['yellow', 'green', 'blue', 'pink']) {
      const expected = items
        .filter((i) => i.color === color)
        .sort((x, y) => x.start - y.start)
        .map(quote)
        .join('');
      assert.strictEqual((await page.evaluate(paintedPieces, color)).join(''), expected, color);
    }
    const page_ = await page.evaluate(() => ({
      names: [...(CSS.highlights as unknown as Map<string, unknown>).keys()].sort(),
      // The formula of `across` is one Range around the whole .katex element.
      formulaRanges: ([...(CSS.highlights.get('il-hl-blue') as unknown as Set<Range>)] as Range[]).filter((r) =>
        (r.startContainer.childNodes[r.startOffset] as Element | undefined)?.classList?.contains('katex'),
      ).length,
      bodyContext: document.querySelector<HTMLElement>('.il-lesson-body')?.dataset.vscodeContext,
      // The lesson's own HTML, the note cards the narrow page put under their paragraphs left out.
      html: (() => {
        const copy = document.querySelector('.il-lesson-body')!.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('aside.il-note').forEach((n) => n.remove());
        return copy.innerHTML;
      })(),
      marks: document.querySelectorAll('mark, [data-il-ann]').length,
    }));
    assert.deepStrictEqual(page_.names, ['il-hl-blue', 'il-hl-green', 'il-hl-pink', 'il-hl-yellow']);
    assert.strictEqual(page_.formulaRanges, 1, 'the formula is highlighted whole');
    assert.strictEqual(page_.html, before, 'nothing was inserted into the lesson text');
    assert.strictEqual(page_.marks, 0);
    assert.deepStrictEqual(JSON.parse(page_.bodyContext!), {
      webviewSection: 'lessonText',
      preventDefaultContextMenuItems: false,
    });
    // The test hook: every painted highlight in the order of the text, with its Ranges' text.
    const hook = await drawnList();
    assert.deepStrictEqual(
      hook.map((d) => [d.id, d.color]),
      [...items].sort((x, y) => x.start - y.start).map((i) => [i.id, i.color]),
    );
    for (const d of hook.filter((x) => x.id !== 'across'))
      assert.strictEqual(d.text, quote(items.find((i) => i.id === d.id)!), d.id);
    assert.ok(hook.find((d) => d.id === 'across')!.text.includes('x = 0'), 'the formula range holds its TeX too');
    // Drawing again replaces what was drawn.
    await sendAnnotations([items[1]]);
    assert.strictEqual((await drawnReport(seq)).drawn, 1);
    assert.deepStrictEqual(
      (await drawnList()).map((d) => d.id),
      ['first'],
    );
    assert.deepStrictEqual(
      await page.evaluate(() => ['yellow', 'green', 'blue', 'pink'].filter((c) => CSS.highlights.has(`il-hl-${c}`))),
      ['yellow'],
    );
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
    assert.deepStrictEqual(await drawnList(), []);
    assert.strictEqual(
      await page.evaluate(() => CSS.highlights.size + document.querySelectorAll('.il-note').length),
      0,
    );
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

  it('a toolbar click right after the selection grew takes the selection as it is then, not the last one posted', async () => {
    // The page posts selections 150 ms after they settle; a fast drag-then-click (or a slow page) clicks before
    // that, with the toolbar already shown for part of the drag. Seen in the real VS Code: "Superpo" saved.
    const paragraph = (end: number) =>
      page.evaluate((n) => {
        const p = Array.from(document.querySelectorAll('.il-lesson-body p')).find((e) =>
          e.textContent!.startsWith('A trained language model'),
        )!;
        const r = document.createRange();
        r.setStart(p.firstChild!, 2);
        r.setEnd(p.firstChild!, n);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(r);
        return r.toString();
      }, end);
    await paragraph(9);
    await page.waitForSelector('.il-ann-toolbar');
    const full = await page.evaluate(() => {
      const p = Array.from(document.querySelectorAll('.il-lesson-body p')).find((e) =>
        e.textContent!.startsWith('A trained language model'),
      )!;
      const sel = document.getSelection()!;
      const r = sel.getRangeAt(0);
      r.setEnd(p.firstChild!, 30);
      sel.removeAllRanges();
      sel.addRange(r);
      // In the same task: the page's debounce cannot have run.
      const button = document.querySelector<HTMLElement>('.il-ann-toolbar .il-ann-color-yellow')!;
      button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
      button.click();
      return r.toString();
    });
    const annotate = (await posted(page, 'annotate')).at(-1) as { range: { exact: string } };
    assert.strictEqual(annotate.range.exact, full);
    assert.ok(full.length > 20, full);
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

  it('the popover: a click on a highlight (the innermost) or Enter on it opens it; its buttons post; Escape closes', async () => {
    await sendAnnotations(items);
    await drawnReport(seq);
    const click = async (i: (typeof items)[number]) => {
      const p = await pointIn(i);
      await page.mouse.click(p.x, p.y);
      await page.waitForSelector('.il-ann-popover[role="dialog"]');
      return page.getAttribute('.il-ann-popover', 'data-il-for');
    };
    assert.strictEqual(await click(items.find((i) => i.id === 'noted')!), 'noted');
    assert.strictEqual(await page.textContent('.il-ann-popover-note'), 'Note of noted');
    assert.strictEqual(await page.getAttribute('.il-ann-popover .il-ann-color-pink', 'aria-pressed'), 'true');
    await page.click('.il-ann-popover button:text("Edit")');
    assert.strictEqual(await page.$('.il-ann-popover'), null);
    assert.strictEqual(await click(items.find((i) => i.id === 'inner')!), 'inner', 'inside `first`: the innermost');
    await page.keyboard.press('Escape');
    assert.strictEqual(await click(items.find((i) => i.id === 'first')!), 'first', 'before `inner`: `first`');
    await page.keyboard.press('Escape');
    // The keyboard: Alt+ArrowDown to `noted` (the overlay moves in the order of the text), Enter opens it.
    const order = [...items].sort((x, y) => x.start - y.start).map((i) => i.id);
    await page.keyboard.press('Alt+ArrowUp');
    const up = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ilFor);
    for (let k = 0; k <= order.length; k++) {
      if ((await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ilFor)) === 'noted') break;
      await page.keyboard.press('Alt+ArrowDown');
    }
    assert.strictEqual(
      up,
      order[(order.indexOf('first') + order.length - 1) % order.length],
      'Alt+ArrowUp from `first` (focused again after Escape): the one before it, wrapping around',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('.il-ann-popover[data-il-for="noted"]');
    await page.keyboard.press('Escape');
    assert.strictEqual(await page.$('.il-ann-popover'), null, 'Escape closes the popover');
    assert.strictEqual(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ilFor),
      'noted',
      'focus goes back to the highlight',
    );
    await page.keyboard.press('Enter');
    await page.click('.il-ann-popover .il-ann-color-green');
    // The formula of `across`: a click on its glyphs.
    const formula = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('.il-lesson-body')!, NodeFilter.SHOW_TEXT);
      let t: Node | null;
      while ((t = walker.nextNode()) && !t.textContent!.includes('the predicted score at'));
      const el = t!.nextSibling as HTMLElement; // $x = 0$ follows "the predicted score at"
      el.scrollIntoView({ block: 'center' });
      const r = el.querySelector('.katex-html')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, tex: el.querySelector('annotation')?.textContent };
    });
    assert.strictEqual(formula.tex, 'x = 0');
    await page.mouse.click(formula.x, formula.y);
    await page.waitForSelector('.il-ann-popover[data-il-for="across"]');
    await page.click('.il-ann-popover button:text("Delete")');
    // A click on text no highlight covers opens nothing.
    const plain = await page.evaluate(() => {
      const h = document.querySelector('.il-lesson-body h2')!.getBoundingClientRect();
      return { x: h.left + 5, y: h.top + h.height / 2 };
    });
    await page.mouse.click(plain.x, plain.y);
    assert.strictEqual(await page.$('.il-ann-popover'), null);
    assert.deepStrictEqual(
      (await posted(page, 'annotation')).map((m) => [m.id, m.action, m.color]),
      [
        ['noted', 'edit', undefined],
        ['noted', 'color', 'green'],
        ['across', 'delete', undefined],
      ],
    );
  });

  it('keyboard: Alt+ArrowDown/ArrowUp move a focus overlay over the highlights, announced with the quote', async () => {
    await sendAnnotations(items);
    await drawnReport(seq);
    const order = [...items].sort((x, y) => x.start - y.start);
    const state = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const boxes = Array.from(el.querySelectorAll('.il-hl-focus-box')).map((b) => b.getBoundingClientRect());
        return {
          id: el.dataset.ilFor,
          role: el.getAttribute('role'),
          label: el.getAttribute('aria-label'),
          live: document.querySelector('body > .il-sr-only[aria-live="polite"]')?.textContent,
          inBody: !!el.closest('.il-lesson-body'),
          box: boxes[0] && { top: boxes[0].top, bottom: boxes[0].bottom, left: boxes[0].left },
          context: el.dataset.vscodeContext,
        };
      });
    // From the top of the page: the first highlight on screen onwards, in the order of the text.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.keyboard.press('Alt+ArrowDown');
    const firstStop = await state();
    const k = order.findIndex((i) => i.id === firstStop.id);
    assert.ok(k >= 0, `focused ${firstStop.id}`);
    await page.keyboard.press('Alt+ArrowDown');
    const next = await state();
    assert.strictEqual(next.id, order[(k + 1) % order.length].id);
    const item = order[(k + 1) % order.length];
    assert.strictEqual(next.role, 'button');
    assert.strictEqual(next.inBody, false, 'the overlay is outside the lesson body');
    assert.strictEqual(next.label, `Highlight ${k + 2}/${order.length}, ${LABELS.colors[item.color as 'pink']}`);
    assert.ok(next.live!.includes(quote(item).replace(/\s+/g, ' ').trim()), `announced: ${next.live}`);
    assert.deepStrictEqual(JSON.parse(next.context!), { webviewSection: 'highlight', annotationId: item.id });
    const at = await pointIn(item);
    assert.ok(Math.abs(next.box!.top - at.top) < 1 && Math.abs(next.box!.bottom - at.bottom) < 1, 'over its line');
    await page.keyboard.press('Alt+ArrowUp');
    assert.strictEqual((await state()).id, firstStop.id);
    // Escape leaves the highlights; the overlay is gone.
    await page.keyboard.press('Escape');
    assert.strictEqual(await page.evaluate(() => (document.querySelector('.il-hl-focus') as HTMLElement).hidden), true);
  });

  it('a right-click on a highlight gives VS Code’s context menu its id (the innermost); elsewhere the lesson text', async () => {
    await sendAnnotations(items);
    await drawnReport(seq);
    await page.evaluate(listenAsVsCode);
    const rightClick = async (p: { x: number; y: number }) => {
      await page.mouse.click(p.x, p.y, { button: 'right' });
      return page.evaluate(() => (window as unknown as { __contexts: Record<string, unknown>[] }).__contexts.pop());
    };
    assert.deepStrictEqual(await rightClick(await pointIn(items.find((i) => i.id === 'inner')!)), {
      webviewSection: 'highlight',
      annotationId: 'inner',
      preventDefaultContextMenuItems: false,
    });
    assert.deepStrictEqual(await rightClick(await pointIn(items.find((i) => i.id === 'noted')!)), {
      webviewSection: 'highlight',
      annotationId: 'noted',
      preventDefaultContextMenuItems: false,
    });
    const plain = await page.evaluate(() => {
      const h = document.querySelector('.il-lesson-body h2')!.getBoundingClientRect();
      return { x: h.left + 5, y: h.top + h.height / 2 };
    });
    assert.deepStrictEqual(await rightClick(plain), {
      webviewSection: 'lessonText',
      preventDefaultContextMenuItems: false,
    });
    // The highlight's context was the event's only: no element of the lesson keeps one.
    await page.waitForFunction(() => document.querySelectorAll('.il-lesson-body [data-vscode-context]').length === 0);
    // Two right-clicks on one element before the page restores it (a busy page): it still gets its own back.
    const at = await pointIn(items.find((i) => i.id === 'inner')!);
    await page.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (let i = 0; i < 2; i++)
        target.dispatchEvent(
          new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: x, clientY: y }),
        );
    }, at);
    await page.waitForFunction(() => document.querySelectorAll('.il-lesson-body [data-vscode-context]').length === 0, {
      timeout: 5_000,
    });
  });

  it('notes: under their paragraph on a narrow panel, in the margin beside their highlight on a wide one', async () => {
    await sendAnnotations(items);
    await drawnReport(seq);
    const narrow = await page.evaluate(
      ([notedText, noted2Text]) => {
        // The paragraph each note's highlight starts in, found through the painted Ranges.
        const holder = (color: string, t: string) =>
          ([...(CSS.highlights.get(`il-hl-${color}`) as unknown as Set<Range>)] as Range[])
            .find((r) => t.startsWith(r.toString()))!
            .startContainer.parentElement!.closest('p');
        return Array.from(document.querySelectorAll<HTMLElement>('aside.il-note')).map((n) => ({
          id: n.dataset.ilNote,
          inBody: !!n.closest('.il-lesson-body'),
          afterParagraph: n.dataset.ilNote === 'noted' ? n.previousElementSibling === holder('pink', notedText) : null,
          afterFirstNote:
            n.dataset.ilNote === 'noted2'
              ? n.previousElementSibling?.getAttribute('data-il-note') === 'noted' &&
                n.previousElementSibling.previousElementSibling === holder('yellow', noted2Text)
              : null,
        }));
      },
      [quote(noted), quote(noted2)],
    );
    assert.deepStrictEqual(narrow, [
      { id: 'noted', inBody: true, afterParagraph: true, afterFirstNote: null },
      { id: 'noted2', inBody: true, afterParagraph: null, afterFirstNote: true },
    ]);
    await page.setViewportSize({ width: 1600, height: 800 });
    await page.waitForFunction(() => document.querySelectorAll('.il-notes-margin aside.il-note').length === 2);
    const wide = await page.evaluate(() => {
      const top = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      return {
        card: top('[data-il-note="noted"]').top,
        cardBottom: top('[data-il-note="noted"]').bottom,
        card2: top('[data-il-note="noted2"]').top,
        article: top('.il-article').right,
        margin: top('.il-notes-margin').left,
      };
    });
    Object.assign(wide, { mark: (await pointIn(noted)).top, mark2: (await pointIn(noted2)).top });
    const marks = wide as typeof wide & { mark: number; mark2: number };
    assert.ok(Math.abs(wide.card - marks.mark) < 2, `card at ${wide.card}, its highlight at ${marks.mark}`);
    assert.ok(wide.card2 >= wide.cardBottom, 'the second card is stacked under the first, not over it');
    assert.ok(wide.card2 > marks.mark2 - 2, 'and never above its highlight');
    assert.ok(wide.margin > wide.article, 'the margin is right of the article');
    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForFunction(() => document.querySelectorAll('.il-lesson-body aside.il-note').length === 2);
  });

  it('revealAnnotation scrolls the highlight to the middle and flashes it for a moment (no animation)', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const far = { id: 'faraway', color: 'green', start: text.length - 30, end: text.length - 10, noteHtml: '' };
    await sendAnnotations([far]);
    await drawnReport(seq);
    await hostSends(page, { type: 'revealAnnotation', id: 'faraway' });
    await page.waitForFunction(() => CSS.highlights.has('il-hl-flash'));
    const where = await page.evaluate(() => {
      const flash = [...(CSS.highlights.get('il-hl-flash') as unknown as Set<Range>)] as Range[];
      const r = flash[0].getClientRects()[0];
      const el = flash[0].startContainer.parentElement!;
      return {
        text: flash.map((x) => x.toString()).join(''),
        middle: (r.top + r.bottom) / 2,
        height: window.innerHeight,
        scrolled: window.scrollY,
        flashColor: getComputedStyle(el, '::highlight(il-hl-flash)').backgroundColor,
        greenColor: getComputedStyle(el, '::highlight(il-hl-green)').backgroundColor,
        priority: CSS.highlights.get('il-hl-flash')!.priority,
      };
    });
    assert.strictEqual(where.text, quote(far));
    assert.ok(where.scrolled > 0, 'the page scrolled');
    assert.ok(where.middle > 0 && where.middle < where.height, `the highlight is on screen (${where.middle})`);
    assert.notStrictEqual(where.flashColor, where.greenColor, 'the flash looks different from the highlight');
    assert.ok(where.priority > 0, 'painted over the colours');
    await page.waitForFunction(() => !CSS.highlights.has('il-hl-flash'));
    assert.ok(await page.evaluate(() => CSS.highlights.has('il-hl-green')), 'the highlight stays');
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
    assert.deepStrictEqual(await drawnList(), []);
    await showLesson(page, 'other', article);
    assert.strictEqual((await drawnReport(seq)).drawn, 1);
    assert.deepStrictEqual(
      (await drawnList()).map((d) => d.id),
      ['first'],
    );
    await showLesson(page, LESSON, article);
    assert.deepStrictEqual(await drawnList(), []);
    assert.strictEqual(await page.evaluate(() => CSS.highlights.size), 0);
  });
});

/** VS Code's default colours (Light Modern, Dark Modern, Dark and Light High Contrast) of what highlights use. */
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

/**
 * In the page: for each colour, its `::highlight()` style on the element whose text it paints (what the browser
 * paints with: the text's own colour unless the highlight sets one), the text's contrast on the tinted
 * background, the tint, the underline.
 */
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
    const range = [...(CSS.highlights.get(`il-hl-${color}`) as unknown as Set<Range>)][0] as Range;
    const cs = getComputedStyle(range.startContainer.parentElement!, `::highlight(il-hl-${color})`);
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
        await page.waitForFunction(() => CSS.highlights.has('il-hl-pink'));
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

// Export Lesson with Notes in headless Chromium: a shipped lesson with math and several annotations, exported by
// core's buildExportDocument with the real KaTeX CSS and woff2 fonts, opened from a file with every request
// intercepted. Nothing but the file itself is requested, the CSP refuses nothing, KaTeX shows no error, every
// formula keeps its MathML, the marks and notes hold the right text, and the fonts come from the data: URLs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { renderLesson } from '../../src/core/markdown/render';
import { moveInlineStyles } from '../../src/core/page/readerPage';
import { lessonPlainText } from '../../src/core/annotations/plainText';
import { buildExportDocument, type ExportAnnotation } from '../../src/core/annotations/exportHtml';
import chromiumArgs from '../host/chromium-args.json';
import { figuresOf, shippedLessons } from '../unit/helpers/shippedFigures';

const CHROMIUM = process.env.INTERP_CHROMIUM || '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const KATEX = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');

/** The lesson with the most formulas among the shipped English ones. */
const LESSON = path.join(ROOT, 'lessons', 'en', '01-what-is-mech-interp.md');

interface Expected {
  annotation: ExportAnnotation;
  /** The text the marks show (formulas: their TeX), as read back in the page. */
  marked: string;
}

/** Annotations over passages of plain text (near the start and in the middle), with notes. */
function annotationsOn(text: string): Expected[] {
  const out: Expected[] = [];
  const add = (id: string, at: RegExpExecArray, note: string) => {
    const range = { start: at.index, end: at.index + at[0].length };
    const color = (['yellow', 'green', 'blue', 'pink'] as const)[out.length % 4];
    out.push({ annotation: { id, color, range, exact: at[0], note }, marked: at[0] });
  };
  const words = /[A-Z][a-z]+ [a-z]+ [a-z]+ [a-z]+/g;
  add('words1', words.exec(text)!, 'A note with **bold**, `code` and math $x^2$');
  words.lastIndex = Math.floor(text.length / 2);
  add('words2', words.exec(text)!, '<script>alert(1)</script> stays text');
  return out;
}

describe('Export Lesson with Notes in headless Chromium (every request intercepted)', function () {
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];
  const cspErrors: string[] = [];
  let file = '';
  let expected: Expected[] = [];
  let formulaTex = '';

  before(async function () {
    const shipped = shippedLessons().find((l) => l.language === 'en' && l.file === path.basename(LESSON))!;
    const rendered = renderLesson(shipped.markdown, { figures: figuresOf(shipped) });
    const body = moveInlineStyles(rendered.html);
    const text = lessonPlainText(body);
    expected = annotationsOn(text);
    // A range from a word before an inline formula into it: the text exactly, the formula whole.
    const k = body.indexOf('<span class="katex">');
    const tex = /<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/
      .exec(body.slice(k))![1]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
    formulaTex = tex;
    const texAt = text.indexOf(tex);
    assert.ok(texAt > 10, 'the first formula is in the plain text');
    const start = texAt - 6;
    expected.push({
      annotation: {
        id: 'intoMath',
        color: 'blue',
        range: { start, end: texAt + 1 },
        exact: text.slice(start, texAt + 1),
        note: 'Across a formula',
      },
      marked: text.slice(start, texAt) + tex,
    });
    const fonts = new Map(
      fs
        .readdirSync(path.join(KATEX, 'fonts'))
        .filter((f) => f.endsWith('.woff2'))
        .map((f) => [f, fs.readFileSync(path.join(KATEX, 'fonts', f)).toString('base64')] as [string, string]),
    );
    const html = buildExportDocument({
      lang: 'en',
      title: rendered.title,
      bodyHtml: body,
      annotations: [
        ...expected.map((e) => e.annotation),
        { id: 'orphan', color: 'pink', range: undefined, exact: 'a sentence no longer there', note: 'kept' },
      ],
      katexCss: fs.readFileSync(path.join(KATEX, 'katex.min.css'), 'utf8'),
      lessonCss: fs.readFileSync(path.join(ROOT, 'media', 'reader.css'), 'utf8'),
      fonts,
      labels: { orphans: 'Notes whose passage changed', orphansHint: 'Gone.', subtitle: 'Exported' },
      renderNote: (md) => renderLesson(`\n${md}`).html,
    });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'il-export-')), 'lesson.html');
    fs.writeFileSync(file, html);

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs as string[] });
    page = await browser.newPage();
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => {
      const u = route.request().url();
      requests.push(u);
      return u === url ? route.continue() : route.abort('blockedbyclient');
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  });

  after(async () => {
    await browser?.close();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('requests nothing but the file itself, and the CSP refuses nothing', () => {
    assert.deepStrictEqual(
      requests.filter((u) => u !== pathToFileURL(file).href),
      [],
    );
    assert.ok(requests.length >= 1, 'the route saw the file');
    assert.deepStrictEqual(cspErrors, []);
  });

  it('shows every formula without a KaTeX error, each with its MathML', async () => {
    const r = await page.evaluate(() => ({
      formulas: document.querySelectorAll('.il-lesson-body .katex').length,
      errors: document.querySelectorAll('.katex-error').length,
      withoutMath: [...document.querySelectorAll('.il-lesson-body .katex')].filter(
        (k) => !k.querySelector('.katex-mathml math annotation[encoding="application/x-tex"]'),
      ).length,
      scripts: document.scripts.length,
    }));
    assert.ok(r.formulas > 20, `${r.formulas} formulas`);
    assert.strictEqual(r.errors, 0);
    assert.strictEqual(r.withoutMath, 0);
    assert.strictEqual(r.scripts, 0);
  });

  it('draws each annotation as marks over its text (a formula whole) and its note as an aside after the paragraph', async () => {
    const r = await page.evaluate(() => {
      /** A mark's text as the plain text counts it: a formula as its TeX, KaTeX's visual HTML left out. */
      const plain = (n: Node): string => {
        if (n.nodeType === 3) return (n as Text).data;
        const el = n as Element;
        if (el.classList?.contains('katex'))
          return el.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '';
        return [...n.childNodes].map(plain).join('');
      };
      const marked: Record<string, string> = {};
      for (const m of document.querySelectorAll('mark.il-mark')) {
        const id = m.getAttribute('data-annotation')!;
        if (m.parentElement?.closest(`mark[data-annotation="${id}"]`)) continue;
        marked[id] = (marked[id] ?? '') + plain(m);
      }
      const asides = [...document.querySelectorAll('.il-lesson-body aside.il-note')].map((a) => ({
        id: a.getAttribute('data-annotation'),
        text: a.textContent,
        after: a.previousElementSibling?.tagName ?? a.parentElement?.tagName,
        formulas: a.querySelectorAll('.katex').length,
        bold: a.querySelectorAll('strong').length,
        background: getComputedStyle(a).borderLeftColor,
      }));
      const orphans = document.querySelectorAll('.il-orphans aside').length;
      const markBackground = getComputedStyle(document.querySelector('mark.il-mark')!).backgroundColor;
      return { marked, asides, orphans, markBackground };
    });
    for (const e of expected) assert.strictEqual(r.marked[e.annotation.id], e.marked, e.annotation.id);
    assert.strictEqual(r.marked.intoMath.endsWith(formulaTex), true);
    assert.deepStrictEqual(r.asides.map((a) => a.id).sort(), ['intoMath', 'words1', 'words2']);
    const words1 = r.asides.find((a) => a.id === 'words1')!;
    assert.strictEqual(words1.formulas, 1, 'the note’s math is typeset');
    assert.strictEqual(words1.bold, 1);
    assert.ok(
      ['P', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'BLOCKQUOTE', 'DIV', 'TABLE', 'ASIDE'].includes(words1.after!),
      words1.after,
    );
    assert.match(r.asides.find((a) => a.id === 'words2')!.text!, /<script>alert\(1\)<\/script> stays text/);
    assert.strictEqual(r.orphans, 1);
    assert.notStrictEqual(r.markBackground, 'rgba(0, 0, 0, 0)', 'marks are coloured');
  });

  it('is readable in light and in dark (prefers-color-scheme): text, figures and marks against the page', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const r = await page.evaluate(readability);
      assert.strictEqual(r.dark, colorScheme === 'dark', `${colorScheme}: the page background follows the scheme`);
      assert.ok(r.figures >= 1, `${colorScheme}: the lesson's figure is inlined`);
      assert.ok(r.text >= 7, `${colorScheme}: body text contrast ${r.text.toFixed(1)}`);
      assert.ok(r.worstFigureText >= 3, `${colorScheme}: figure text contrast ${r.worstFigureText.toFixed(1)}`);
      assert.ok(r.markedText >= 4.5, `${colorScheme}: marked text contrast ${r.markedText.toFixed(1)}`);
    }
    await page.emulateMedia({ colorScheme: null });
  });

  it('loads KaTeX fonts from the data: URLs (document.fonts)', async () => {
    const r = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, '').startsWith('KaTeX'));
      return {
        loaded: faces.filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight} ${f.style}`),
        errors: faces.filter((f) => f.status === 'error').length,
        main: document.fonts.check('16px KaTeX_Main'),
        math: document.fonts.check('italic 16px KaTeX_Math'),
      };
    });
    assert.strictEqual(r.errors, 0);
    assert.ok(
      r.loaded.some((f) => /KaTeX_Main/.test(f)),
      r.loaded.join(', '),
    );
    assert.ok(
      r.loaded.some((f) => /KaTeX_Math/.test(f)),
      r.loaded.join(', '),
    );
    assert.ok(r.main && r.math);
  });
});

/** In the page: contrast against the page of its text, its figures' text and marked text; whether it is dark. */
function readability(): { dark: boolean; figures: number; text: number; worstFigureText: number; markedText: number } {
  const lum = (c: string) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(c) ?? /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(c);
    if (!m) return NaN;
    const scale = c.startsWith('color(') ? 1 : 255;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
      const x = Number(v) / scale;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const bg = lum(getComputedStyle(document.body).backgroundColor);
  const texts = [...document.querySelectorAll('.il-figure svg text')].map((t) =>
    contrast(lum(getComputedStyle(t).fill), bg),
  );
  const mark = document.querySelector('mark.il-mark')!;
  return {
    dark: bg < 0.2,
    figures: document.querySelectorAll('.il-figure svg').length,
    text: contrast(lum(getComputedStyle(document.querySelector('.il-lesson-body p')!).color), bg),
    worstFigureText: Math.min(...texts),
    markedText: contrast(lum(getComputedStyle(mark).color), bg),
  };
}

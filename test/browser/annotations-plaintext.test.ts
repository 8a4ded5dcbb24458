// The two sides of a lesson's plain text (issue 16) must agree to the character: lessonPlainText over the HTML
// (extension host) and indexDomText over the DOM Chromium builds from it (reader page). For every shipped lesson in
// both languages, every Aero fixture and every hostile case: the same text; and offsetOf/segments round-trip on a
// sample of ranges, including ranges that start or end inside formulas.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';
import chromiumArgs from '../host/chromium-args.json';
import type { Browser, Page } from 'playwright-core';
import {
  builtinGlossary,
  insertUncertainMarkers,
  lessonPlainText,
  markUncertainSpots,
  moveInlineStyles,
  renderLesson,
} from '../../src/core';
import { hostileCorpus, hostileGlossary } from '../fixtures/hostile/corpus';
import { figuresOf, shippedLessons } from '../unit/helpers/shippedFigures';

const CHROMIUM = process.env.INTERP_CHROMIUM || '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const AERO = path.join(ROOT, 'test', 'fixtures', 'aero-module15');

interface Case {
  name: string;
  html: string;
}

/** What the page reports for one case: its text, and the problems the round trips found. */
interface PageResult {
  text: string;
  formulas: number;
  checked: number;
  /** How long indexDomText took (wall time, in the page). */
  indexMs: number;
  problems: string[];
}

/** In the page: index the body and check offsetOf/segments on `samples` ranges (and every formula's edges). */
function checkInPage(args: { html: string; samples: number; seed: number }): PageResult {
  const root = document.querySelector<HTMLElement>('div.il-lesson-body')!;
  root.innerHTML = args.html;
  type Seg = { node: Text; start: number; end: number } | { formula: HTMLElement };
  type Index = {
    text: string;
    offsetOf(node: Node, offset: number, side: 'start' | 'end'): number | undefined;
    segments(start: number, end: number): Seg[];
  };
  const t0 = performance.now();
  const index = (window as unknown as { __indexDomText(r: HTMLElement): Index }).__indexDomText(root);
  const indexMs = performance.now() - t0;
  const text = index.text;
  const problems: string[] = [];
  let seed = args.seed;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const formulas = Array.from(root.querySelectorAll<HTMLElement>('.katex')).filter(
    (f) => !f.parentElement?.closest('.katex, [aria-hidden="true"], button, svg, .il-figure'),
  );
  const ranges: [number, number][] = [];
  for (let k = 0; k < args.samples && text.length > 0; k++) {
    const s = Math.floor(random() * text.length);
    const len = 1 + Math.floor(random() * Math.min(400, text.length - s));
    ranges.push([s, Math.min(text.length, s + len)]);
  }
  // Ranges that start and end inside formulas.
  for (const f of formulas.slice(0, 40)) {
    const s = index.offsetOf(f, 0, 'start');
    const e = index.offsetOf(f, f.childNodes.length, 'end');
    if (s === undefined || e === undefined) {
      problems.push(`formula without offsets`);
      continue;
    }
    if (e > s + 1) ranges.push([s + 1, Math.min(text.length, e + 5)], [Math.max(0, s - 5), e - 1]);
    // A point deep inside the formula (KaTeX's visual HTML) maps to its start or end.
    const deep = f.querySelector('.katex-html')?.firstChild;
    if (deep) {
      if (index.offsetOf(deep, 0, 'start') !== s) problems.push(`deep start in formula at ${s}`);
      if (index.offsetOf(deep, 0, 'end') !== e) problems.push(`deep end in formula at ${e}`);
    }
  }
  let checked = 0;
  for (const [start, end] of ranges) {
    const segs = index.segments(start, end);
    if (segs.length === 0) {
      problems.push(`[${start}, ${end}): no segments`);
      continue;
    }
    // What the segments cover, in plain-text offsets: contiguous, covering [start, end) (wider only at formulas).
    let pieces = '';
    let first: number | undefined;
    let last: number | undefined;
    for (const seg of segs) {
      let s: number | undefined;
      let e: number | undefined;
      if ('node' in seg) {
        s = index.offsetOf(seg.node, seg.start, 'start');
        e = index.offsetOf(seg.node, seg.end, 'end');
        if (s === undefined || e === undefined || e - s !== seg.end - seg.start) {
          problems.push(`[${start}, ${end}): text segment offsets ${s}..${e}`);
          break;
        }
        pieces += seg.node.data.slice(seg.start, seg.end);
      } else {
        s = index.offsetOf(seg.formula, 0, 'start');
        e = index.offsetOf(seg.formula, seg.formula.childNodes.length, 'end');
        if (s === undefined || e === undefined) {
          problems.push(`[${start}, ${end}): formula segment without offsets`);
          break;
        }
        pieces += text.slice(s, e);
      }
      if (last !== undefined && s !== last) problems.push(`[${start}, ${end}): gap ${last}..${s}`);
      first ??= s;
      last = e;
    }
    if (first === undefined || last === undefined) continue;
    const f0 = segs[0];
    const fl = segs[segs.length - 1];
    if ('node' in f0 ? first !== start : first > start) problems.push(`[${start}, ${end}): starts at ${first}`);
    if ('node' in fl ? last !== end : last < end) problems.push(`[${start}, ${end}): ends at ${last}`);
    if (pieces !== text.slice(first, last)) problems.push(`[${start}, ${end}): pieces differ from the text`);
    // A selection of the same range, as the browser would report it, maps back to the same offsets.
    if ('node' in f0 && 'node' in fl) {
      const range = document.createRange();
      range.setStart(f0.node, f0.start);
      range.setEnd(fl.node, fl.end);
      const s = index.offsetOf(range.startContainer, range.startOffset, 'start');
      const e = index.offsetOf(range.endContainer, range.endOffset, 'end');
      if (s !== start || e !== end) problems.push(`[${start}, ${end}): range maps to [${s}, ${e})`);
    }
    checked++;
    if (problems.length > 20) break;
  }
  // Element boundary points: before each child of each block maps to where the child's text starts.
  const blocks = Array.from(root.children).slice(0, 200);
  for (const b of blocks) {
    const before = index.offsetOf(root, Array.prototype.indexOf.call(root.childNodes, b), 'start');
    const inside = index.offsetOf(b, 0, 'start');
    if (before === undefined || inside === undefined || before !== inside)
      problems.push(`block boundary ${before} vs ${inside}`);
  }
  if (index.offsetOf(root, root.childNodes.length, 'end') !== text.length) problems.push('end of root');
  if (index.offsetOf(document.body, 0, 'start') !== undefined) problems.push('a point outside the root has an offset');
  return { text, formulas: formulas.length, checked, indexMs, problems: problems.slice(0, 20) };
}

describe('Annotations plain text: lessonPlainText and the page DOM walker agree in headless Chromium', function () {
  this.timeout(600_000);
  let browser: Browser | undefined;
  let page: Page;
  const cases: Case[] = [];

  before(async function () {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `no Chromium at ${CHROMIUM}: run scripts/setup-test-host.sh (installs Debian's chromium) or set INTERP_CHROMIUM`,
    );
    const bundle = await esbuild.build({
      stdin: {
        contents: `import { indexDomText } from './src/webview/annotations/plainText';\nwindow.__indexDomText = indexDomText;`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
    });
    const glossary = builtinGlossary();
    for (const l of shippedLessons()) {
      const html = renderLesson(l.markdown, {
        glossary,
        glossaryMarking: { language: l.language, firstOnly: 'section' },
        runnableSnippets: new Set(['study-hours']),
        figures: figuresOf(l),
      }).html;
      cases.push({ name: `${l.language}/${l.file}`, html: moveInlineStyles(html) });
    }
    for (const f of fs.readdirSync(AERO).filter((f) => f.endsWith('.md'))) {
      const md = fs.readFileSync(path.join(AERO, f), 'utf8');
      cases.push({ name: `aero/${f}`, html: moveInlineStyles(renderLesson(md, { glossary }).html) });
      // The same lesson with uncertain repaired characters marked, as a repaired course folder lesson is shown.
      const spots = Array.from({ length: 20 }, (_, k) => ({ offset: Math.floor((md.length * k) / 20), length: 1 }));
      const marked = renderLesson(insertUncertainMarkers(md, spots), { glossary }).html;
      cases.push({ name: `aero/${f} (uncertain spots)`, html: markUncertainSpots(marked, 'Uncertain') });
    }
    const hostileGloss = hostileGlossary();
    for (const c of hostileCorpus()) {
      const html = renderLesson(c.markdown, {
        glossary: hostileGloss,
        glossaryMarking: { language: 'en', firstOnly: 'all' },
        runnableSnippets: new Set(['study-hours', 'x']),
        figures: (src) => (Object.hasOwn(c.figures, src) ? c.figures[src] : undefined),
      }).html;
      cases.push({ name: `hostile/${c.name}`, html: moveInlineStyles(html) });
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs as string[] });
    page = await browser.newPage();
    // Nothing leaves the page: lesson HTML loads nothing, and the test's own page is set as content.
    await page.route('**/*', (route) => route.abort('blockedbyclient'));
    await page.setContent('<!DOCTYPE html><html><body><div class="il-lesson-body"></div></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
  });
  after(async () => {
    await browser?.close();
  });

  it('has cases: 10 shipped lessons, the Aero fixtures and the hostile corpus', () => {
    assert.ok(cases.filter((c) => /^(en|vi)\//.test(c.name)).length >= 10);
    assert.ok(cases.some((c) => c.name.startsWith('aero/')));
    assert.ok(cases.filter((c) => c.name.startsWith('hostile/')).length > 50);
  });

  it('what the page adds (marks, a note card among the blocks, a button) leaves the text as it was', async () => {
    const html = cases.find((c) => c.name.startsWith('en/'))!.html;
    const r = await page.evaluate((html) => {
      const root = document.querySelector<HTMLElement>('div.il-lesson-body')!;
      root.innerHTML = html;
      const f = (window as unknown as { __indexDomText(r: HTMLElement): { text: string } }).__indexDomText;
      const before = f(root).text;
      const p = Array.from(root.querySelectorAll('p')).find(
        (e) => e.firstChild instanceof Text && e.firstChild.length > 3,
      )!;
      const note = document.createElement('aside');
      note.className = 'il-note il-note-yellow';
      note.innerHTML = '<p>My note, with <em>words</em>.</p>';
      p.after(note);
      const t = p.firstChild as Text;
      const mark = document.createElement('mark');
      t.splitText(3);
      p.insertBefore(mark, t.nextSibling);
      mark.appendChild(t.nextSibling!.nextSibling ?? document.createTextNode(''));
      const button = document.createElement('button');
      button.textContent = 'Edit';
      p.appendChild(button);
      return { before, after: f(root).text };
    }, html);
    assert.strictEqual(r.after, r.before);
  });

  it('every case: the same text on both sides; offsetOf and segments round-trip', async () => {
    const failures: string[] = [];
    let formulas = 0;
    let checked = 0;
    let slowestShipped = { name: '', ms: 0 };
    for (const [k, c] of cases.entries()) {
      const expected = lessonPlainText(c.html);
      const big = c.html.length > 2_000_000;
      const r = await page.evaluate(checkInPage, { html: c.html, samples: big ? 20 : 150, seed: k + 1 });
      formulas += r.formulas;
      checked += r.checked;
      if (/^(en|vi)\//.test(c.name) && r.indexMs > slowestShipped.ms) slowestShipped = { name: c.name, ms: r.indexMs };
      if (r.text !== expected) {
        let at = 0;
        while (at < r.text.length && r.text[at] === expected[at]) at++;
        failures.push(
          `${c.name}: text differs at ${at} (page ${r.text.length}, host ${expected.length} chars): page ${JSON.stringify(r.text.slice(Math.max(0, at - 30), at + 30))} host ${JSON.stringify(expected.slice(Math.max(0, at - 30), at + 30))}`,
        );
      }
      for (const p of r.problems) failures.push(`${c.name}: ${p}`);
    }
    console.log(
      `      ${cases.length} cases, ${formulas} formulas, ${checked} ranges round-tripped; slowest shipped lesson to index: ${slowestShipped.name} ${slowestShipped.ms.toFixed(1)} ms`,
    );
    assert.deepStrictEqual(failures.slice(0, 30), []);
    assert.ok(formulas > 100, `only ${formulas} formulas`);
  });
});

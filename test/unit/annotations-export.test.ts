// Export Lesson with Notes (core/annotations/exportHtml.ts): marks over plain-text ranges of real rendered lessons,
// checked on a real HTML5 parse (parse5 builds the tree as Chromium does), notes escaped, nothing external.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { renderLesson } from '../../src/core/markdown/render';
import { moveInlineStyles } from '../../src/core/page/readerPage';
import { childMode, countsText, TextMode } from '../../src/core/annotations/plainTextRules';
import { lessonPlainText } from '../../src/core/annotations/plainText';
import { hostileCorpus } from '../fixtures/hostile/corpus';
import { buildExportDocument, markBody, walkBody, type ExportAnnotation } from '../../src/core/annotations/exportHtml';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value ?? '';
const isElement = (n: Node): n is Element => 'tagName' in n;

/**
 * The plain text of a parsed tree by the rules of plainTextRules.ts, as the reader page's DOM walker reads it,
 * and, per annotation id, the plain text inside its marks. Asides (notes) are left out.
 */
function readBack(root: Node): { text: string; marked: Map<string, string> } {
  let text = '';
  const marked = new Map<string, string>();
  const visit = (node: Node, mode: TextMode, marks: string[]) => {
    if (node.nodeName === '#text') {
      if (!countsText(mode)) return;
      const value = (node as DefaultTreeAdapterMap['textNode']).value;
      text += value;
      for (const id of marks) marked.set(id, (marked.get(id) ?? '') + value);
      return;
    }
    if (!isElement(node) && !('childNodes' in node)) return;
    let childModeNow = mode;
    let inner = marks;
    if (isElement(node)) {
      if (node.tagName === 'aside') return;
      childModeNow = childMode(
        mode,
        node.tagName,
        attr(node, 'class'),
        attr(node, 'aria-hidden'),
        attr(node, 'encoding'),
      );
      if (childModeNow === TextMode.Skip) return;
      if (node.tagName === 'mark') inner = [...marks, attr(node, 'data-annotation')];
    }
    const kids = isElement(node) && node.tagName === 'template' ? [] : ((node as Element).childNodes ?? []);
    for (const c of kids) visit(c, childModeNow, inner);
  };
  visit(root, TextMode.Normal, []);
  return { text, marked };
}

const readFragment = (html: string) => readBack(parseFragment(html) as unknown as Node);

function elements(root: Node, tag?: string): Element[] {
  const out: Element[] = [];
  const visit = (n: Node) => {
    if (isElement(n) && (!tag || n.tagName === tag)) out.push(n);
    const kids = isElement(n) && n.tagName === 'template' ? [] : 'childNodes' in n ? n.childNodes : [];
    for (const c of kids as Node[]) visit(c);
  };
  visit(root);
  return out;
}

function textOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in n ? (n.childNodes as Node[]).map(textOf).join('') : '';
}

let nextId = 0;
/** An annotation over the first occurrence of `exact` in `text` (after `from`). */
function over(text: string, exact: string, extra: Partial<ExportAnnotation> = {}, from = 0): ExportAnnotation {
  const start = text.indexOf(exact, from);
  assert.ok(start >= 0, `"${exact}" is in the plain text`);
  return {
    id: `a${nextId++}`,
    color: 'yellow',
    range: { start, end: start + exact.length },
    exact,
    note: '',
    ...extra,
  };
}

const lessonsDir = path.join(__dirname, '..', '..', 'lessons');
const shipped = ['en', 'vi'].flatMap((lang) =>
  fs
    .readdirSync(path.join(lessonsDir, lang))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ name: `${lang}/${f}`, markdown: fs.readFileSync(path.join(lessonsDir, lang, f), 'utf8') })),
);

const SAMPLE = [
  '# Title',
  '',
  'Plain words, *emphasis across* a **strong & bold** part, and `code <x>`.',
  '',
  'Inline $y = \\beta_0 + \\beta_1 x$ inside a sentence, then more text.',
  '',
  '$$',
  '\\hat\\beta = (X^\\top X)^{-1} X^\\top y',
  '$$',
  '',
  '- a list item with [a link](https://example.com/x) and [an anchor](#title)',
  '- second item',
  '',
  '| a | b |',
  '|---|---|',
  '| cell one | cell two |',
  '',
  'Last paragraph &amp; entities: "quotes" <tags>.',
].join('\n');

describe('Export Lesson with Notes: marks over plain-text ranges', () => {
  const body = renderLesson(SAMPLE).html;
  const plain = walkBody(body).text;

  it('walks the body to the same plain text a browser parse gives, on the sample and every shipped lesson', () => {
    assert.strictEqual(plain, readFragment(body).text);
    for (const lesson of shipped) {
      const html = renderLesson(lesson.markdown).html;
      assert.strictEqual(walkBody(html).text, readFragment(html).text, lesson.name);
      assert.strictEqual(walkBody(moveInlineStyles(html)).text, readFragment(html).text, lesson.name);
    }
  });

  it('walks to exactly lessonPlainText on every shipped lesson and every hostile case (marks use its offsets)', function () {
    this.timeout(120_000);
    for (const lesson of shipped) {
      const html = moveInlineStyles(renderLesson(lesson.markdown).html);
      assert.strictEqual(walkBody(html).text, lessonPlainText(html), lesson.name);
    }
    const bad: string[] = [];
    for (const c of hostileCorpus().filter((x) => x.source === 'file')) {
      const html = renderLesson(c.markdown, {
        figures: (src) => (Object.hasOwn(c.figures, src) ? c.figures[src] : undefined),
      }).html;
      if (walkBody(html).text !== lessonPlainText(html)) bad.push(c.name);
    }
    assert.deepStrictEqual(bad, []);
  });

  it('marks exactly the range in one text node, and across inline tags (split at their boundaries)', () => {
    const one = over(plain, 'Plain words');
    const across = over(plain, 'across* a **strong & bo'.replace(/\*/g, ''));
    const out = markBody(body, [one, across]);
    const back = readFragment(out);
    assert.strictEqual(back.text, plain, 'marks add no text');
    assert.strictEqual(back.marked.get(one.id), 'Plain words');
    assert.strictEqual(back.marked.get(across.id), 'across a strong & bo');
    const marks = elements(parseFragment(out) as unknown as Node, 'mark').filter(
      (m) => attr(m, 'data-annotation') === across.id,
    );
    assert.ok(marks.length >= 3, 'split over em, the text between and strong');
    assert.ok(marks.every((m) => attr(m, 'class') === 'il-mark il-yellow'));
  });

  it('marks a formula a range touches whole (its TeX), inline and display', () => {
    const inside = over(plain, 'beta_1');
    const display = over(plain, '(X^\\top X)');
    const text = over(plain, 'then more');
    const out = markBody(body, [inside, display, text]);
    const back = readFragment(out);
    assert.strictEqual(back.text, plain);
    assert.strictEqual(back.marked.get(inside.id), 'y = \\beta_0 + \\beta_1 x');
    assert.match(back.marked.get(display.id)!, /^\s*\\hat\\beta = \(X\^\\top X\)\^\{-1\} X\^\\top y\s*$/);
    assert.strictEqual(back.marked.get(text.id), 'then more');
    const marks = elements(parseFragment(out) as unknown as Node, 'mark');
    const displayMark = marks.find((m) => attr(m, 'data-annotation') === display.id)!;
    assert.match(attr(displayMark, 'class'), /il-mark-block/);
    assert.strictEqual(attr(displayMark.childNodes[0] as Element, 'class'), 'katex-display', 'wraps the display box');
  });

  it('marks a range from text into a formula and on: the text exactly, the formula whole', () => {
    const start = plain.indexOf('Inline') + 2;
    const end = plain.indexOf('inside a') + 6;
    const a: ExportAnnotation = { id: 'xf', color: 'green', range: { start, end }, exact: '', note: '' };
    const back = readFragment(markBody(body, [a]));
    assert.strictEqual(back.marked.get('xf'), 'line y = \\beta_0 + \\beta_1 x inside');
  });

  it('nests overlapping ranges: each mark holds its own range exactly', () => {
    const a = over(plain, 'Plain words, emphasis', { color: 'blue' });
    const b = over(plain, 'words, emphasis across a', { color: 'pink' });
    const c = over(plain, 'emphasis', { color: 'green' });
    const back = readFragment(markBody(body, [b, a, c]));
    assert.strictEqual(back.text, plain);
    assert.strictEqual(back.marked.get(a.id), 'Plain words, emphasis');
    assert.strictEqual(back.marked.get(b.id), 'words, emphasis across a');
    assert.strictEqual(back.marked.get(c.id), 'emphasis');
  });

  it('maps offsets through character references (& < > " in text)', () => {
    const amp = over(plain, '& entities: “quotes” <tags');
    const code = over(plain, '<x');
    const back = readFragment(markBody(body, [amp, code]));
    assert.strictEqual(back.marked.get(amp.id), '& entities: “quotes” <tags');
    assert.strictEqual(back.marked.get(code.id), '<x');
  });

  it('keeps tables and lists whole: a range over cells marks the cells, no mark is moved out of the table', () => {
    const start = plain.indexOf('cell one') + 5;
    const end = plain.indexOf('cell two') + 4;
    const cells: ExportAnnotation = { id: 'cells', color: 'yellow', range: { start, end }, exact: '', note: 'n' };
    const items = over(plain, 'anchor\nsecond');
    const out = markBody(body, [cells, { ...items, note: 'list note' }]);
    const tree = parseFragment(out) as unknown as Node;
    const back = readBack(tree);
    assert.strictEqual(back.text, plain);
    // The newline between the cells is the row's own whitespace: a <mark> there would leave the table.
    assert.strictEqual(back.marked.get('cells'), 'onecell');
    assert.strictEqual(back.marked.get(items.id), 'anchorsecond');
    const tableIndex = out.indexOf('<table');
    assert.ok(out.indexOf('<mark', tableIndex) > tableIndex, 'the cells are marked inside the table');
    const aside = elements(tree, 'aside').find((x) => attr(x, 'data-annotation') === items.id)!;
    assert.strictEqual((aside.parentNode as Element).tagName, 'li', 'a note on a list item goes inside it');
  });

  it('puts each note in an <aside> right after the paragraph its range ends in, in order, escaped', () => {
    const first = over(plain, 'Plain words', { note: 'First <b>note</b> & "more"\n\nsecond para' });
    const second = over(plain, 'strong', { note: '<script>alert(1)</script><img src=x onerror=alert(1)>' });
    const out = markBody(body, [second, first]);
    const tree = parseFragment(out) as unknown as Node;
    const asides = elements(tree, 'aside');
    assert.deepStrictEqual(
      asides.map((a) => attr(a, 'data-annotation')),
      [first.id, second.id],
    );
    const p = asides[0].parentNode as Element;
    const index = p.childNodes.indexOf(asides[0]);
    assert.strictEqual((p.childNodes[index - 1] as Element).tagName, 'p', 'after the paragraph');
    assert.match(textOf(p.childNodes[index - 1]), /^Plain words/);
    assert.strictEqual(textOf(asides[0]), 'First <b>note</b> & "more"second para');
    assert.strictEqual(elements(asides[0], 'p').length, 2);
    assert.strictEqual(elements(tree, 'script').length + elements(tree, 'img').length + elements(tree, 'b').length, 0);
  });

  it('drops links out of the file and sources that are not data:, keeps fragments', () => {
    const out = markBody(body, []);
    assert.doesNotMatch(out, /example\.com/);
    assert.match(out, /href="#title"/);
    const back = readFragment(out);
    assert.strictEqual(back.text, plain, 'the link text stays');
  });

  it('marks on every shipped lesson land on their text (a range in each paragraph of every lesson)', () => {
    for (const lesson of shipped) {
      const html = moveInlineStyles(renderLesson(lesson.markdown).html);
      const text = walkBody(html).text;
      const annotations: ExportAnnotation[] = [];
      for (let at = 0, k = 0; at < text.length - 40; at += 97, k++)
        annotations.push({
          id: `s${k}`,
          color: 'blue',
          range: { start: at + 3, end: at + 40 },
          exact: '',
          note: `n${k}`,
        });
      const back = readFragment(markBody(html, annotations));
      assert.strictEqual(back.text, text, lesson.name);
      for (const a of annotations) {
        const got = back.marked.get(a.id) ?? '';
        const want = text.slice(a.range!.start, a.range!.end);
        // A formula the range touches is marked whole, so the marked text holds the range's text.
        assert.ok(
          got.includes(want.trim()) || got.replace(/\s+/g, '').includes(want.replace(/\s+/g, '')),
          `${lesson.name} ${a.id}`,
        );
      }
    }
  });
});

describe('Export Lesson with Notes: the document', () => {
  const body = moveInlineStyles(renderLesson(SAMPLE).html);
  const plain = walkBody(body).text;
  const katexCss =
    '@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2"),url(fonts/KaTeX_Main-Regular.woff) format("woff"),url(fonts/KaTeX_Main-Regular.ttf) format("truetype")}.katex{font:normal 1.21em KaTeX_Main}';
  const doc = buildExportDocument({
    lang: 'en',
    title: 'A </title><script>alert(1)</script> lesson',
    bodyHtml: body,
    annotations: [
      over(plain, 'Plain words', {
        note: 'a note with [link](https://evil.example/) and ![i](http://evil.example/i.png)',
      }),
      {
        id: 'orphan1',
        color: 'pink',
        range: undefined,
        exact: 'a passage </aside><script>x()</script>',
        note: 'gone <now>',
      },
    ],
    katexCss,
    // The reader's own stylesheet, as the export ships it: it must hold no url() either.
    lessonCss: fs.readFileSync(path.join(__dirname, '..', '..', 'media', 'reader.css'), 'utf8'),
    fonts: new Map([['KaTeX_Main-Regular.woff2', 'd09GMgABAAAAAA==']]),
    labels: { orphans: 'Orphaned notes', orphansHint: 'Their passage changed.', subtitle: 'Exported' },
    // A renderer that lets links and images through, as markdown would: the export must still drop them.
    renderNote: (md) =>
      `<p>${md
        .replace(/</g, '&lt;')
        .replace(/!\[(\w)\]\(([^)]+)\)/, '<img src="$2">')
        .replace(/\[(\w+)\]\(([^)]+)\)/, '<a href="$2">$1</a>')}</p>`,
  });
  const tree = parse(doc) as unknown as Node;

  it('has a strict CSP: nothing by default, inline styles, data: fonts and images, no script', () => {
    const meta = elements(tree, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy')!;
    const csp = attr(meta, 'content');
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /font-src data:/);
    assert.match(csp, /img-src data:/);
    assert.doesNotMatch(csp, /script-src|https?:|\*/);
    assert.strictEqual(elements(tree, 'script').length, 0);
    assert.doesNotMatch(doc, /<script/i);
    for (const el of elements(tree))
      for (const a of el.attrs) assert.ok(!/^on/i.test(a.name), `${el.tagName} ${a.name}`);
  });

  it('holds no URL but data: and fragments (every src, href and url())', () => {
    for (const el of elements(tree))
      for (const a of el.attrs)
        if (['src', 'href', 'xlink:href', 'srcset', 'action', 'poster'].includes(a.name))
          assert.ok(a.value.startsWith('#') || a.value.startsWith('data:'), `${el.tagName} ${a.name}=${a.value}`);
    for (const m of doc.matchAll(/url\(\s*(['"]?)([^'")]*)/g)) assert.ok(m[2].startsWith('data:'), m[0]);
    assert.doesNotMatch(doc, /evil\.example|example\.com/);
    assert.doesNotMatch(doc, /@import/);
  });

  it('inlines the woff2 fonts as data: URLs and drops the woff and ttf fallbacks', () => {
    assert.match(doc, /src:url\(data:font\/woff2;base64,d09GMgABAAAAAA==\) format\("woff2"\)/);
    assert.doesNotMatch(doc, /\.woff\)|\.ttf\)|fonts\//);
  });

  it('puts KaTeX styles back as style attributes (the CSP allows inline styles), MathML kept', () => {
    assert.doesNotMatch(doc, /data-il-style/);
    assert.match(doc, /<span class="strut" style="height:/);
    assert.ok(elements(tree, 'math').length >= 2);
    assert.ok(elements(tree, 'annotation').every((a) => attr(a, 'encoding') === 'application/x-tex'));
  });

  it('escapes the title and lists orphans with their quote and note, escaped, at the end', () => {
    const title = elements(tree, 'title')[0];
    assert.strictEqual(textOf(title), 'A </title><script>alert(1)</script> lesson');
    const orphans = elements(tree, 'section').find((s) => attr(s, 'class') === 'il-orphans')!;
    assert.match(textOf(orphans), /Orphaned notes/);
    assert.match(textOf(orphans), /a passage <\/aside><script>x\(\)<\/script>/);
    assert.match(textOf(orphans), /gone <now>/);
    const marks = elements(tree, 'mark');
    assert.strictEqual(marks.length, 1);
    assert.strictEqual(textOf(marks[0]), 'Plain words');
  });

  it('follows the colour scheme: light by default, dark under prefers-color-scheme', () => {
    assert.match(doc, /<meta name="color-scheme" content="light dark">/);
    assert.match(doc, /@media \(prefers-color-scheme:dark\)/);
  });
});

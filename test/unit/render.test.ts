import * as assert from 'assert';
import { renderLesson, isAllowedHref, scanHeadings, parseFrontMatter, builtinGlossary } from '../../src/core';
import { assertInert } from './helpers/inert';

// What "inert" means for the webview, checked on a real HTML parse: test/unit/helpers/inert.ts.
export { assertInert };

describe('renderLesson', () => {
  it('renders inline and display math with KaTeX', () => {
    const r = renderLesson(
      'Inline $y = \\beta_0 + \\beta_1 x$ and\n\n$$\n\\hat\\beta = (X^\\top X)^{-1} X^\\top y\n$$\n',
    );
    assert.strictEqual((r.html.match(/class="katex"/g) ?? []).length, 2);
    assert.match(r.html, /class="katex-display"/);
    assert.deepStrictEqual(r.mathErrors, []);
  });

  it('reports a math error with its file line and shows the TeX inline, rest of page intact', () => {
    const src = '---\ntitle: X\n---\n# T\n\nok $a$\nbad $\\frac{1}{$ here\n\nafter';
    const r = renderLesson(src);
    assert.strictEqual(r.mathErrors.length, 1);
    assert.strictEqual(r.mathErrors[0].line, 7);
    assert.strictEqual(r.mathErrors[0].tex, '\\frac{1}{');
    assert.match(r.html, /class="il-math-error"/);
    assert.match(r.html, /<code class="il-math-error-tex">\\frac\{1\}\{<\/code>/);
    assert.match(r.html, /<p>after<\/p>/);
  });

  it('reports an error inside a display block with the block line', () => {
    const r = renderLesson('a\n\n$$\n\\left( x\n$$\n');
    assert.strictEqual(r.mathErrors.length, 1);
    assert.strictEqual(r.mathErrors[0].line, 3);
    assert.match(r.html, /il-math-error-block/);
  });

  it('does not let \\gdef leak from one lesson into the next', () => {
    renderLesson('$\\gdef\\secret{42}$');
    const r = renderLesson('$\\secret$');
    assert.strictEqual(r.mathErrors.length, 1);
  });

  it('a formula met again is the same HTML, and a macro defined in between still changes it', () => {
    const html = renderLesson('$\\alpha$ and $\\alpha$; $$\\alpha$$\n\n$\\gdef\\alpha{\\beta}$ then $\\alpha$').html;
    const formulas = [...html.matchAll(/<span class="katex">.*?<\/math>/g)].map((m) => m[0]);
    assert.strictEqual(formulas[0], formulas[1]);
    assert.strictEqual((html.match(/class="katex-display"/g) ?? []).length, 1);
    const last = html.slice(html.lastIndexOf('then'));
    assert.ok(last.includes('\u03b2') && !last.includes('\u03b1'), last);
    assert.ok(html.slice(0, html.indexOf('and')).includes('\u03b1'));
  });
  it('refuses KaTeX trust-requiring commands and expansion bombs', () => {
    const r = renderLesson(
      '$\\href{javascript:alert(1)}{x}$ $\\url{javascript:x}$ $\\htmlClass{x}{y}$\n\n$\\def\\a{\\a\\a}\\a$',
    );
    assertInert(r.html);
    assert.ok(
      !/javascript:/i.test(
        r.html
          .replace(/<annotation[\s\S]*?<\/annotation>/g, '')
          .replace(/<code class="il-math-error-tex">[\s\S]*?<\/code>/g, ''),
      ),
    );
    assert.ok(
      r.mathErrors.some((e) => /expansion/i.test(e.message)),
      JSON.stringify(r.mathErrors),
    );
  });

  it('gives headings explicit or slugged ids, unique, and returns them', () => {
    const r = renderLesson('# Tiêu đề\n\n## Tại sao khó? {#why-hard}\n\n### Chân lý nền\n\n## Chân lý nền\n');
    assert.deepStrictEqual(
      r.headings.map((h) => [h.level, h.id, h.text]),
      [
        [1, 'tiêu-đề', 'Tiêu đề'],
        [2, 'why-hard', 'Tại sao khó?'],
        [3, 'chân-lý-nền', 'Chân lý nền'],
        [2, 'chân-lý-nền-1', 'Chân lý nền'],
      ],
    );
    assert.match(r.html, /<h2 id="why-hard">Tại sao khó\?<\/h2>/);
    assert.strictEqual(r.title, 'Tiêu đề');
  });

  it('agrees with the fast heading scanner used by the tree', () => {
    const src =
      '# A *b* `c`\n\n## $R^2$ and **bold** {#r2}\n\n```\n## not a heading\n```\n\n## Hỏi & đáp\n\n### x_y_z\n';
    const r = renderLesson(src);
    assert.deepStrictEqual(
      scanHeadings(src).map((h) => h.id),
      r.headings.map((h) => h.id),
    );
  });

  it('uses the front matter title', () => {
    assert.strictEqual(renderLesson('---\ntitle: "Bài 1"\n---\n# Khác\n').title, 'Bài 1');
  });

  it('turns callouts into labelled boxes with escaped titles', () => {
    const r = renderLesson(
      '> [!CORRECTION] The <em>real</em> formula\n> Pre-LN.\n\n> [!PREDICT]\n> Guess.\n\n> plain quote',
    );
    assert.match(
      r.html,
      /<div class="il-callout il-callout-correction" role="note"><p class="il-callout-title">The &lt;em&gt;real&lt;\/em&gt; formula<\/p>/,
    );
    assert.match(r.html, /il-callout-predict[^>]*><p class="il-callout-title">Predict first<\/p>/);
    assert.match(r.html, /<blockquote>\s*<p>plain quote<\/p>/);
  });

  it('localises callout titles and labels', () => {
    const r = renderLesson('> [!NOTE]\n> x', { labels: { calloutTitles: { note: 'Ghi chú' } } });
    assert.match(r.html, /Ghi chú/);
  });

  it('turns snippet blocks into Run buttons, disabled unless runnable', () => {
    const src = '```snippet\nstudy-hours\n```\n\n```snippet\nunknown-one\n```';
    const r = renderLesson(src, { runnableSnippets: new Set(['study-hours']) });
    assert.deepStrictEqual(r.snippets, ['study-hours', 'unknown-one']);
    assert.match(r.html, /data-snippet-id="study-hours" title="Run">/);
    assert.match(r.html, /data-snippet-id="unknown-one" disabled title=/);
  });

  it('marks lesson, anchor, external and broken links; drops script links', () => {
    const r = renderLesson(
      '[a](./02-safety.md#uses) [b](#x) [c](https://arxiv.org/abs/1) [d](javascript:alert(1)) [e](./nowhere.md) [f](JaVaScRiPt:x) [g](//evil.example)',
      {
        classifyLink: (h) => (h.includes('nowhere') ? 'broken' : 'lesson'),
      },
    );
    assert.match(r.html, /<a href="\.\/02-safety\.md#uses" data-il-link="lesson">a<\/a>/);
    assert.match(r.html, /<a href="#x" data-il-link="anchor">b<\/a>/);
    assert.match(r.html, /data-il-link="external"/);
    assert.match(r.html, /class="il-link-broken"/);
    assert.ok(!/href="javascript/i.test(r.html));
    assert.ok(!/href="\/\/evil/.test(r.html));
    assertInert(r.html);
  });

  it('escapes raw HTML (html: false)', () => {
    const r = renderLesson('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nText <b onclick="x()">b</b>');
    assertInert(r.html);
    assert.match(r.html, /&lt;script&gt;/);
  });

  it('shows images only through the resolver', () => {
    assert.match(renderLesson('![alt text](img.png)').html, /il-image-missing[^>]*>alt text</);
    assert.match(
      renderLesson('![a](img.png)', { resolveImage: (s) => `vscode-resource:/x/${s}` }).html,
      /<img src="vscode-resource:\/x\/img.png" alt="a"/,
    );
    assert.ok(!/<img/.test(renderLesson('![a](javascript:alert(1))', { resolveImage: (s) => s }).html));
  });
});

describe('isAllowedHref', () => {
  const cases: [string, boolean][] = [
    ['./a.md', true],
    ['#x', true],
    ['https://x.org', true],
    ['http://x.org', true],
    ['mailto:a@b.c', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:x', false],
    [' javascript:x', false],
    ['java\tscript:x', false],
    ['vbscript:x', false],
    ['data:text/html,<script>', false],
    ['file:///etc/passwd', false],
    ['command:workbench.action.quit', false],
    ['//evil.example', false],
    ['vscode:extension/x', false],
  ];
  for (const [href, ok] of cases)
    it(`${ok ? 'allows' : 'refuses'} ${JSON.stringify(href)}`, () => assert.strictEqual(isAllowedHref(href), ok));
});

describe('parseFrontMatter', () => {
  it('reads fields and the body line offset', () => {
    const fm = parseFrontMatter('---\nid: a\norder: 2\nobjectives:\n  - x\n  - y\nminutes: 20\n---\n# T\n');
    assert.deepStrictEqual(fm.meta, { id: 'a', order: 2, objectives: ['x', 'y'], minutes: 20 });
    assert.strictEqual(fm.bodyLine, 8);
    assert.strictEqual(fm.body, '# T\n');
  });
  it('reports malformed YAML and keeps the body', () => {
    const fm = parseFrontMatter('---\nid: [unclosed\n---\nBody');
    assert.strictEqual(fm.problems.length, 1);
    assert.strictEqual(fm.body, 'Body');
  });
  it('reports a missing closing fence and renders everything as body', () => {
    const fm = parseFrontMatter('---\nid: a\n# T');
    assert.deepStrictEqual(fm.problems, ['front matter: no closing ---']);
    assert.ok(fm.body.includes('# T'));
  });
  it('handles a BOM and CRLF', () => {
    const fm = parseFrontMatter('\ufeff---\r\nid: a\r\n---\r\nBody');
    assert.strictEqual(fm.meta.id, 'a');
    assert.strictEqual(fm.body, 'Body');
  });
  it('reports wrong types instead of throwing', () => {
    const fm = parseFrontMatter('---\ntitle: [1, 2]\norder: abc\ndifficulty: hard\n---\n');
    assert.strictEqual(fm.problems.length, 3);
  });
});

describe('renderLesson on real-world math layout', () => {
  it('closes a one-line $$ … $$ followed by trailing spaces instead of swallowing the rest', () => {
    const r = renderLesson("Before\n\n$$ h'_l = h_l \\odot M $$  \n(after $x$)\n\n## Next\n");
    assert.deepStrictEqual(r.mathErrors, []);
    assert.strictEqual(r.headings.length, 1);
    assert.strictEqual((r.html.match(/class="katex"/g) ?? []).length, 2);
  });
});

describe('renderLesson with the glossary', () => {
  it('marks the first occurrence of a term per section, with its definition as a tooltip', () => {
    const glossary = builtinGlossary();
    const r = renderLesson(
      '## A\n\nSuperposition and superposition again.\n\n## B\n\nA linear probe, `superposition` in code, $superposition$.\n',
      { glossary, glossaryMarking: { language: 'en' } },
    );
    const marks = r.html.match(/<abbr class="il-term" data-term="[a-z-]+"/g) ?? [];
    assert.deepStrictEqual(
      marks.map((m) => /data-term="([^"]+)"/.exec(m)![1]),
      ['superposition', 'linear-probe'],
    );
    assertInert(r.html);
  });
  it('marks nothing without a glossary', () => {
    assert.ok(!renderLesson('Superposition.').html.includes('il-term'));
  });
});

describe('renderLesson code blocks', () => {
  it('highlights known languages with escaped class spans, leaves others plain', () => {
    const r = renderLesson('```python\ndef f(x):\n    return "<b>" # c\n```\n\n```weird\n<x>\n```');
    assert.match(r.html, /<pre><code class="language-python"><span class="hljs-keyword">def<\/span>/);
    assert.match(r.html, /&lt;b&gt;/);
    assert.match(r.html, /<code class="language-weird">&lt;x&gt;/);
    assertInert(r.html);
  });
});

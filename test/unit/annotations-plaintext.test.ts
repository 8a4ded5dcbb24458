// A lesson's plain text (issue 16): the rules of lessonPlainText on small HTML samples, on the renderer's output
// for every shipped lesson (formulas counted once, as TeX) and on the hostile corpus (never throws, fast). That the
// page's DOM walker agrees: test/browser/annotations-plaintext.test.ts.
import * as assert from 'assert';
import fc from 'fast-check';
import {
  builtinGlossary,
  insertUncertainMarkers,
  lessonPlainText,
  markUncertainSpots,
  MAX_FORMATTED_INLINE_CHARS,
  renderLesson,
} from '../../src/core';
import { hostileCorpus, hostileGlossary } from '../fixtures/hostile/corpus';
import { figuresOf, shippedLessons } from './helpers/shippedFigures';

const text = (md: string) => lessonPlainText(renderLesson(md).html);

/** CPU milliseconds `f` takes. */
function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe('Annotations: a lesson’s plain text', () => {
  // First: the speed check measures the tokenizer before the tag soup below has fed it odd shapes.
  describe('shipped lessons', () => {
    const glossary = builtinGlossary();
    for (const lesson of shippedLessons()) {
      it(`${lesson.language}/${lesson.file}: headings and prose as shown, each formula once as TeX, fast`, () => {
        const rendered = renderLesson(lesson.markdown, {
          glossary,
          glossaryMarking: { language: lesson.language },
          figures: figuresOf(lesson),
        });
        const html = rendered.html;
        const plain = lessonPlainText(html);
        for (const h of rendered.headings) assert.ok(plain.includes(h.text), `heading ${h.text}`);
        // Every typeset formula's TeX, from its annotation, is in the text; KaTeX's visual copy is not.
        const tex = [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) =>
          m[1]
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#x27;/g, "'"),
        );
        assert.ok(tex.length > 0 || !html.includes('class="katex"'), 'formulas found');
        let at = 0;
        for (const t of tex) {
          const i = plain.indexOf(t, at);
          assert.ok(i >= 0, `formula ${t} in order`);
          at = i + t.length;
        }
        assert.ok(!plain.includes('\u200b'), 'no KaTeX struts');
        assert.ok(!/Math error|Figure not shown/.test(plain));
        // Fast: a shipped lesson in well under 5 ms of CPU (the least of 9 after warming up: CPU time, as the
        // benches measure, and the least, since garbage collection left by other suites only adds to it).
        for (let k = 0; k < 5; k++) lessonPlainText(html);
        const times: number[] = [];
        for (let k = 0; k < 9; k++) times.push(cpuMs(() => lessonPlainText(html)));
        times.sort((a, b) => a - b);
        assert.ok(times[0] < 5, `least ${times[0].toFixed(2)} ms, median ${times[4].toFixed(2)} ms`);
      });
    }
  });

  describe('rules on small samples', () => {
    it('text nodes in order, whitespace between blocks kept exactly', () => {
      assert.strictEqual(
        lessonPlainText('<h1 id="a">Title</h1>\n<p>One <em>two</em> three</p>\n'),
        'Title\nOne two three\n',
      );
      assert.strictEqual(lessonPlainText('<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n'), '\na\nb\n\n');
      assert.strictEqual(text('# T\n\nA  b\n\n- x\n- y\n'), 'T\nA  b\n\nx\ny\n\n');
    });

    it('character references decoded as a browser does', () => {
      assert.strictEqual(
        lessonPlainText(
          '<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x27;f&#x27; &#65;&#x1F600;&nbsp;&apos;</p>',
        ),
        "a & b <c> \"d\" 'e' 'f' A\u{1F600}\u00a0'",
      );
      assert.strictEqual(lessonPlainText('<p>&#0; &#xD800; &#x110000; &#150;</p>'), '\uFFFD \uFFFD \uFFFD \u2013');
      // Unknown or unterminated references stay as written (the renderer never writes them).
      assert.strictEqual(lessonPlainText('<p>&bogus; &amp &#x;</p>'), '&bogus; &amp &#x;');
      assert.strictEqual(text('Tom & Jerry < 3 > 2 "q"'), 'Tom & Jerry < 3 > 2 “q”\n');
    });

    it('as the browser parses: CR and CRLF are LF, a newline right after <pre> is dropped, comments add nothing', () => {
      assert.strictEqual(lessonPlainText('<p>a\r\nb\rc</p>'), 'a\nb\nc');
      assert.strictEqual(lessonPlainText('<pre>\nx\n</pre>'), 'x\n');
      assert.strictEqual(lessonPlainText('<pre><code>\nx</code></pre>'), '\nx');
      assert.strictEqual(lessonPlainText('<p>a<!-- b -->c</p>'), 'ac');
      assert.strictEqual(lessonPlainText('<p>a < b</p>'), 'a < b');
    });

    it('a formula counts once, as its TeX (inline and display); errors as their TeX only', () => {
      assert.strictEqual(text('Let $x^2 + y$ be.'), 'Let x^2 + y be.\n');
      assert.strictEqual(text('$$\n\\frac{a}{b} < c\n$$'), '\\frac{a}{b} < c\n\n');
      const err = renderLesson('Bad $\\undefinedcommand{x}$ here.').html;
      assert.match(err, /il-math-error/);
      assert.strictEqual(lessonPlainText(err), 'Bad \\undefinedcommand{x} here.\n');
    });

    it('formulas past the math budget (il-math-untypeset, il-math-source) count their TeX', () => {
      assert.strictEqual(lessonPlainText('<p>a <code class="il-math-untypeset">x_1</code> b</p>'), 'a x_1 b');
      assert.strictEqual(
        lessonPlainText('<div class="il-math-untypeset il-math-untypeset-block"><code>\\sum</code></div>\n'),
        '\\sum\n',
      );
      assert.strictEqual(lessonPlainText('<p><code class="il-math-source">y</code></p>'), 'y');
    });

    it('skipped: buttons, aria-hidden, the unformatted note, figures and svg, figure problems, script/style/template', () => {
      const snippet = renderLesson('```snippet\nstudy-hours\n```\n', {
        runnableSnippets: new Set(['study-hours']),
      }).html;
      assert.match(snippet, /<button/);
      assert.strictEqual(lessonPlainText(snippet), 'study-hours\n');
      assert.strictEqual(lessonPlainText('<p>a<span aria-hidden="true">b<i>c</i></span>d</p>'), 'ad');
      assert.strictEqual(lessonPlainText('<p>a<span aria-hidden="false">b</span></p>'), 'ab');
      assert.strictEqual(
        lessonPlainText(
          '<p>x<span class="il-figure"><svg class="il-figure-svg"><text>Label</text><path d="M0 0"/></svg></span>y</p>',
        ),
        'xy',
      );
      assert.strictEqual(lessonPlainText('<p>x<svg><g><text>L</text></g><rect/></svg>y</p>'), 'xy');
      assert.strictEqual(
        lessonPlainText(
          '<span class="il-figure il-figure-error" role="img"><span class="il-figure-alt">alt</span> <span class="il-figure-problem">why</span></span>z',
        ),
        'z',
      );
      assert.strictEqual(
        lessonPlainText('<p>a<script>b</p></script>c<style>d</style>e<template>f</template></p>'),
        'ace',
      );
      const long = 'word '.repeat(MAX_FORMATTED_INLINE_CHARS / 5 + 10).trim();
      const html = renderLesson(long).html;
      assert.match(html, /il-unformatted-note/);
      // The note is skipped; the space after it and the text count.
      assert.strictEqual(lessonPlainText(html), `\n ${long}\n`);
    });

    it('counted: callout titles, glossary terms (not their tooltips), a missing image’s alt, uncertain spots', () => {
      assert.strictEqual(text('> [!NOTE] Heads up\n> Body.'), 'Heads up\nBody.\n\n');
      const glossary = builtinGlossary();
      const html = renderLesson('Superposition is common.', { glossary }).html;
      assert.match(html, /<abbr class="il-term"/);
      assert.strictEqual(lessonPlainText(html), 'Superposition is common.\n');
      assert.strictEqual(text('See ![a plot](plot.png) here.'), 'See a plot here.\n');
      const md = 'Mô hình ngôn ngữ.';
      const marked = markUncertainSpots(renderLesson(insertUncertainMarkers(md, [{ offset: 1, length: 1 }])).html, 't');
      assert.match(marked, /<mark class="il-uncertain"/);
      assert.strictEqual(lessonPlainText(marked), `${md}\n`);
      // Highlights the page draws are transparent too.
      assert.strictEqual(lessonPlainText('<p>a <mark class="il-hl" data-id="x">b</mark> c</p>'), 'a b c');
    });

    it('code blocks: the code, with highlight.js spans transparent', () => {
      const html = renderLesson('```python\nx = 1 < 2\n```\n').html;
      assert.match(html, /hljs/);
      assert.strictEqual(lessonPlainText(html), 'x = 1 < 2\n\n');
    });

    it('attributes never count; first of a repeated attribute wins; odd attribute quoting', () => {
      assert.strictEqual(lessonPlainText('<p title="t"><img alt="a" src="x">b</p>'), 'b');
      assert.strictEqual(lessonPlainText('<span class="x" class="il-figure">a</span>'), 'a');
      assert.strictEqual(lessonPlainText("<span data-x='>' class=il-figure>a</span>b"), 'b');
      assert.strictEqual(lessonPlainText('<span class="a&#32;il-figure">a</span>b'), 'b');
    });

    it('never throws and stops on broken HTML', () => {
      for (const h of [
        '<',
        '<p',
        '<p class="x',
        '</',
        '</p',
        '<!--',
        '<![CDATA[x',
        '<svg><![CDATA[a]]>',
        '&#',
        '<pre>',
        '<script>x',
        '<p>a</q>b</p>',
      ])
        assert.doesNotThrow(() => lessonPlainText(h), h);
      assert.strictEqual(lessonPlainText('<p>a</q>b</p>'), 'ab');
      fc.assert(
        fc.property(
          fc.string({
            unit: fc.constantFrom(
              '<',
              '>',
              '/',
              '"',
              "'",
              '=',
              '&',
              '#',
              ';',
              'a',
              'p',
              ' ',
              '!',
              '-',
              'svg',
              'math',
              'button',
              'class="katex"',
              'annotation',
              'aria-hidden="true"',
              'x',
            ),
            maxLength: 200,
          }),
          (h) => {
            assert.strictEqual(typeof lessonPlainText(h), 'string');
          },
        ),
        { seed: 16_2026, numRuns: 2000 },
      );
    });
  });

  it('hostile corpus: never throws, linear time', function () {
    this.timeout(120_000);
    const glossary = hostileGlossary();
    let slowest = { name: '', ms: 0, perMb: 0 };
    for (const c of hostileCorpus()) {
      const html = renderLesson(c.markdown, {
        glossary,
        glossaryMarking: { language: 'en', firstOnly: 'all' },
        runnableSnippets: new Set(['study-hours', 'x']),
        figures: (src) => (Object.hasOwn(c.figures, src) ? c.figures[src] : undefined),
      }).html;
      let plain = '';
      const ms = cpuMs(() => (plain = lessonPlainText(html)));
      assert.strictEqual(typeof plain, 'string');
      assert.ok(plain.length <= html.length, c.name);
      if (ms > slowest.ms) slowest = { name: c.name, ms, perMb: ms / Math.max(0.05, html.length / 1e6) };
    }
    // Linear: well under 1 s of CPU per MB of HTML for the slowest case (a quadratic walk would take minutes).
    assert.ok(slowest.perMb < 1000, `${slowest.name}: ${slowest.ms.toFixed(1)} ms (${slowest.perMb.toFixed(0)} ms/MB)`);
  });
});

// Regression tests for what the hostile corpus found: super-linear regexes in the course scan, search
// index and renderer (an 100 KB lesson stalled the extension host for 50 s), KaTeX on huge formulas, and
// heading ids that clobbered the reader page's own elements. The linear rewrites must behave exactly as
// the old patterns did: fast-check compares them with the old ones on short inputs.
import * as assert from 'assert';
import fc from 'fast-check';
import {
  indexLessonText,
  MAX_FORMATTED_INLINE_CHARS,
  MAX_TABLE_ROWS,
  MAX_TYPESET_MATH,
  MAX_TYPESET_MATH_HTML,
  parseReaderMessage,
  RenderOverBudget,
  renderLesson,
  scanHeadings,
  splitAeroBlocks,
  splitExplicitId,
} from '../../src/core';
import { inlineMarkdownToText } from '../../src/core/course/slug';
import { htmlDepth } from '../../src/core/markdown/render';

const SEED = Number(process.env.FC_SEED ?? 20261126);
const RUNS = 3000;

function ms(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}
/** The old patterns took 2–50 s on these inputs; linear code takes milliseconds. */
const FAST_MS = 1000;

// ---- the old patterns, verbatim, as references ----
const OLD_EXPLICIT_ID = /\s*\{#([A-Za-z0-9][\w.:-]*)\}\s*$/;
const OLD_ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const OLD_SEARCH_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const OLD_BLOCK = /<!--\s*Aero-(Navigation|Footer)-Start\s*-->([\s\S]*?)<!--\s*Aero-\1-End\s*-->/g;
const OLD_COMMENT = /<!--[\s\S]*?-->/g;

function oldSplitExplicitId(text: string): { text: string; id?: string } {
  const m = OLD_EXPLICIT_ID.exec(text);
  return m ? { text: text.slice(0, m.index), id: m[1] } : { text };
}

/** Short strings over an alphabet that exercises the patterns' edges. */
const headingLine = fc
  .array(fc.constantFrom(' ', '\t', '#', 'a', 'b', '{', '}', '{#', 'x}', '*', '_', '\r'), { maxLength: 14 })
  .map((a) => a.join(''));
const aeroText = fc
  .array(
    fc.constantFrom(
      '<!--',
      '-->',
      '<!-- Aero-Navigation-Start -->',
      '<!--Aero-Navigation-End-->',
      '<!-- Aero-Footer-Start -->',
      '<!-- Aero-Footer-End -->',
      '\n',
      'x',
      '| [a](b.md) |\n',
      '```\n',
      ' ',
    ),
    { maxLength: 12 },
  )
  .map((a) => a.join(''));

describe('Hardening: linear-time scanners behave as before', () => {
  it('splitExplicitId matches the old pattern', () => {
    fc.assert(
      fc.property(headingLine, (s) => {
        assert.deepStrictEqual(splitExplicitId(s), oldSplitExplicitId(s));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('scanHeadings reads heading text and closing #s as the old pattern did', () => {
    fc.assert(
      fc.property(headingLine, (rest) => {
        const line = `#${rest}`;
        const old = OLD_ATX.exec(line);
        const found = scanHeadings(line);
        assert.strictEqual(found.length, old ? 1 : 0, JSON.stringify(line));
        if (old)
          assert.strictEqual(
            found[0].text,
            inlineMarkdownToText(oldSplitExplicitId(old[2] ?? '').text),
            JSON.stringify(line),
          );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('the search index reads headings as the old pattern did', () => {
    fc.assert(
      fc.property(headingLine, (rest) => {
        const line = `##${rest}`;
        const old = OLD_SEARCH_HEADING.exec(line);
        const sections = indexLessonText('l', 'L', line);
        const heading = sections.find((s) => s.sectionId !== undefined);
        const isSection = !!old && (old[1].length === 2 || old[1].length === 3);
        if (isSection)
          assert.strictEqual(
            heading?.heading,
            inlineMarkdownToText(oldSplitExplicitId(old[2]).text),
            JSON.stringify(line),
          );
        else assert.strictEqual(heading, undefined, JSON.stringify(line));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('splitAeroBlocks blanks the same blocks and comments as the old patterns', () => {
    fc.assert(
      fc.property(aeroText, (s) => {
        let nav = '';
        const oldBody = s.replace(OLD_BLOCK, (whole, kind: string, inner: string) => {
          if (kind === 'Navigation') nav += `${nav ? '\n' : ''}${inner.trim()}`;
          return whole.replace(/[^\n]/g, '');
        });
        const r = splitAeroBlocks(s);
        assert.strictEqual(r.navigation ?? '', s.includes('<!--') ? nav : '', JSON.stringify(s));
        // Comments outside fences: compare on text without fences (the fence logic did not change).
        if (!s.includes('```'))
          assert.strictEqual(
            r.body,
            oldBody.replace(OLD_COMMENT, (c) => c.replace(/[^\n]/g, '')),
            JSON.stringify(s),
          );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('inlineMarkdownToText still drops emphasis, code, links and math delimiters', () => {
    assert.strictEqual(
      inlineMarkdownToText('A *b* **c** ~~d~~ _e_ __f__ `g` [h](./x.md#y) ![i](j.png) $k$ $$l$$'),
      'A b c d e f g h i k l',
    );
    assert.strictEqual(inlineMarkdownToText('snake_case_name and x_y'), 'snake_case_name and x_y');
    assert.strictEqual(
      inlineMarkdownToText('[a [b](x)'),
      '[a b',
      'link text stops at a bracket, as markdown-it reads it',
    );
  });
});

describe('Hardening: no quadratic blow-ups', () => {
  const cases: [string, () => unknown][] = [
    ['heading with 100,000 spaces (course scan)', () => scanHeadings(`# a${' '.repeat(100_000)}b`)],
    ['heading with 100,000 spaces before {#x (course scan)', () => scanHeadings(`# a${' '.repeat(100_000)}{#x`)],
    ['heading with 50,000 " \\t#" (search index)', () => indexLessonText('l', 'L', `# a${' \t#'.repeat(50_000)}b`)],
    ['heading with 100,000 spaces before {#x (renderLesson)', () => renderLesson(`# a${' '.repeat(100_000)}{#x`)],
    ['30,000 "_a " in a line (search index)', () => indexLessonText('l', 'L', '_a '.repeat(30_000))],
    ['30,000 "*a " in a line (search index)', () => indexLessonText('l', 'L', '*a '.repeat(30_000))],
    ['20,000 "[a](" in a line (search index)', () => indexLessonText('l', 'L', '[a]('.repeat(20_000))],
    ['50,000 "[" in a heading (course scan)', () => scanHeadings(`## ${'['.repeat(50_000)}`)],
    ['20,000 "<!--" (Aero blocks)', () => splitAeroBlocks('<!--'.repeat(20_000))],
    ['5,000 unclosed Aero start markers', () => splitAeroBlocks('<!-- Aero-Navigation-Start -->\n'.repeat(5_000))],
  ];
  for (const [name, f] of cases) {
    it(name, () => {
      const t = ms(f);
      assert.ok(t < FAST_MS, `${t.toFixed(0)} ms`);
    });
  }
});

describe('Hardening: KaTeX input size', () => {
  it('shows a formula over 2,000 characters as source with an error, quickly', () => {
    let r: ReturnType<typeof renderLesson> | undefined;
    const t = ms(() => {
      r = renderLesson(`# T\n\n$$\n${'x\n'.repeat(100_000)}`);
    });
    assert.ok(t < FAST_MS * 2, `${t.toFixed(0)} ms`);
    assert.strictEqual(r!.mathErrors.length, 1);
    assert.match(r!.mathErrors[0].message, /longer than 2000 characters \(is a closing \$ or \$\$ missing\?\)/);
    assert.strictEqual(r!.mathErrors[0].line, 3);
    assert.match(r!.html, /il-math-error-block/);
  });
  it('renders the first 2,000 formulas of a lesson, then shows TeX source with one error', () => {
    const r = renderLesson('$x^2$ '.repeat(2_500));
    assert.strictEqual((r.html.match(/class="katex"/g) ?? []).length, 2_000);
    assert.strictEqual(r.mathErrors.length, 1);
    assert.match(r.mathErrors[0].message, /more than 2000 formulas in one lesson/);
    assert.strictEqual((r.html.match(/<code class="il-math-source">x\^2<\/code>/g) ?? []).length, 499);
    assert.strictEqual(renderLesson('$y$').mathErrors.length, 0, 'the count is per lesson');
  });
  it('still renders a long but reasonable formula (2,000 characters), and not one character more', () => {
    const tex = `${'x+'.repeat(999)}xy`;
    assert.strictEqual(tex.length, 2_000);
    const r = renderLesson(`$${tex}$`);
    assert.deepStrictEqual(r.mathErrors, []);
    assert.match(r.html, /class="katex"/);
    assert.strictEqual(renderLesson(`$${tex}z$`).mathErrors.length, 1);
  });
  it('a render with a time budget stops before the formula that finds it spent, and says so by name', () => {
    const formulas = Array.from({ length: 5 }, (_, i) => `$$\n${'\\sqrt{x}+'.repeat(60)}x_{${i}}\n$$`).join('\n\n');
    assert.throws(
      () => renderLesson(formulas, { budgetMs: 0 }),
      (e: Error) =>
        e instanceof RenderOverBudget && e.name === 'RenderOverBudget' && /longer than 0 ms/.test(e.message),
    );
    // Without formulas the budget is never checked; without a budget every formula renders.
    assert.match(renderLesson('# Plain **text**', { budgetMs: 0 }).html, /<strong>text<\/strong>/);
    const all = renderLesson(formulas);
    assert.strictEqual((all.html.match(/class="katex-display"/g) ?? []).length, 5);
    assert.deepStrictEqual(all.mathErrors, []);
    // A generous budget changes nothing.
    assert.strictEqual(renderLesson(formulas, { budgetMs: 60_000 }).html, all.html);
  });
});

/** Typeset formulas in rendered HTML (display formulas are counted once: `katex-display` wraps a `katex`). */
function typeset(html: string): number {
  return (html.match(/class="katex"/g) ?? []).length;
}
const ROOTS = '\\sqrt{x}+'.repeat(150);

describe('Hardening: KaTeX work per formula (macros)', () => {
  // maxExpand counts expansions, not what they expand to: before the guard the fat-body bomb with \c nine times
  // (1,432 characters) took KaTeX 52 s and 208 MB of HTML. These are smaller, so that without the guard they
  // finish in seconds and fail on the missing error instead of hanging the suite.
  const bombs: [string, string][] = [
    [
      'a fat macro body expanded a hundred times',
      `$$\\def\\a{${ROOTS}}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b$$`,
    ],
    ['a macro that copies its argument', `$$\\def\\a#1{#1#1#1#1#1#1#1#1#1#1}\\a{\\a{${ROOTS}}}$$`],
    [
      '\\newcommand with a fat body',
      `$$\\newcommand{\\fat}{${ROOTS}}\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat\\fat$$`,
    ],
    ['\\gdef in one formula, used in the next', `$\\gdef\\fat{${ROOTS}}$\n\n$$${'\\fat'.repeat(100)}$$`],
    ['\\edef of a fat macro', `$$\\def\\a{${ROOTS}}\\edef\\b{\\a\\a\\a\\a\\a\\a\\a\\a}\\b\\b\\b\\b\\b\\b\\b\\b$$`],
  ];
  for (const [name, md] of bombs) {
    it(`stops ${name} with an error, quickly, with little HTML`, () => {
      let r: ReturnType<typeof renderLesson> | undefined;
      const t = ms(() => {
        r = renderLesson(md);
      });
      assert.ok(t < FAST_MS, `${t.toFixed(0)} ms`);
      assert.strictEqual(r!.mathErrors.length, 1, JSON.stringify(r!.mathErrors.map((e) => e.message)));
      assert.match(r!.mathErrors[0].message, /macros expand to more than 2000 tokens|Too many expansions/);
      assert.ok(r!.html.length < 100_000, `${r!.html.length} characters of HTML`);
    });
  }
  it('the fat-body bomb is stopped by the guard itself, not by maxExpand', () => {
    assert.match(renderLesson(bombs[0][1]).mathErrors[0]?.message ?? '', /^macros expand to more than 2000 tokens/);
    assert.match(renderLesson(bombs[1][1]).mathErrors[0]?.message ?? '', /^macros expand to more than 2000 tokens/);
  });
  it('ordinary macros still work: \\newcommand, \\renewcommand, \\def with arguments, \\gdef across formulas, \\let, \\tag', () => {
    const r = renderLesson(
      [
        '$\\newcommand{\\RR}{\\mathbb{R}} x \\in \\RR^n$',
        '$\\renewcommand{\\vec}[1]{\\mathbf{#1}} \\vec{v}$',
        '$\\def\\f#1#2{f(#1, #2)} \\f{x}{y}$',
        '$\\gdef\\WU{W_U}$ then $\\WU h$',
        '$\\let\\z\\relax \\z x$ and $\\def\\p#1.{(#1)}\\p ab.$',
        '$$\\begin{align} a &= b \\tag{1} \\\\ c &= d \\end{align}$$',
        '$\\braket{\\phi|\\psi}$',
        '$\\gdef\\Q{\\mathbb{R}}$',
        `$$\n${'\\Q+'.repeat(400)}0\n$$`,
      ].join('\n\n'),
    );
    assert.deepStrictEqual(r.mathErrors, []);
    assert.strictEqual(typeset(r.html), 11);
    const text = r.html.replace(/<annotation[^]*?<\/annotation>/g, '');
    for (const expected of [
      '<mi mathvariant="double-struck">R</mi>',
      '<mi mathvariant="bold">v</mi>',
      '<mi>f</mi><mo stretchy="false">(</mo><mi>x</mi>',
      '<msub><mi>W</mi><mi>U</mi></msub>',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
  });
  it('a macro used 400 times in one formula (1,600 tokens) is fine; the limit is per formula', () => {
    const r = renderLesson(`$\\gdef\\Q{\\mathbb{R}}$\n\n$$${'\\Q+'.repeat(400)}0$$\n\n$$${'\\Q+'.repeat(400)}1$$`);
    assert.deepStrictEqual(r.mathErrors, []);
  });
});

describe('Hardening: KaTeX nesting depth', () => {
  it('htmlDepth counts nested elements; self-closed SVG paths and closing tags do not add', () => {
    assert.strictEqual(htmlDepth(''), 0);
    assert.strictEqual(htmlDepth('<span class="a"><span><svg><path d=\'M0 0\'/></svg></span></span><span></span>'), 3);
    assert.strictEqual(htmlDepth('<i>a &lt;b&gt;</i>'), 1);
  });
  it('a formula whose HTML nests more than 150 elements is an error; 17 nested boxes and our lessons are fine', () => {
    const boxes = (n: number) => `$$\n${'\\boxed{'.repeat(n)}x${'}'.repeat(n)}\n$$`;
    assert.deepStrictEqual(renderLesson(boxes(17)).mathErrors, []);
    const deep = renderLesson(boxes(40));
    assert.strictEqual(deep.mathErrors.length, 1);
    assert.match(deep.mathErrors[0].message, /^formula nested too deeply: \d+ levels of HTML, more than 150/);
    assert.ok(!/class="katex"/.test(deep.html), 'not typeset');
    for (const t of [
      '\\cfrac{1}{1+\\cfrac{1}{1+\\cfrac{1}{1+\\cfrac{1}{1+x}}}}',
      'x_{a_{b_{c_{d_{e}}}}}',
      '\\sqrt{\\frac{\\sum_{i=1}^n (x_i-\\bar x)^2}{n-1}}',
    ]) {
      assert.deepStrictEqual(renderLesson(`$$${t}$$`).mathErrors, [], t);
    }
  });
});

describe('Hardening: KaTeX work per lesson', () => {
  // 1,999 characters, 2,000 with the line break a display formula's TeX ends with, and little HTML (most of it
  // is a TeX comment): five of them reach MAX_TYPESET_MATH.
  const formula = (i: number) => `y_{${String(i).padStart(4, '0')}} %${'a'.repeat(1989)}`;
  const lesson = (n: number) => Array.from({ length: n }, (_, i) => `$$\n${formula(i)}\n$$`).join('\n\n');
  it('typesets math up to the limit, then shows the TeX as written, and says where and how much', () => {
    assert.strictEqual(MAX_TYPESET_MATH, 10_000);
    const r = renderLesson(`# Heavy\n\n${lesson(8)}`);
    assert.strictEqual(typeset(r.html), 5);
    assert.deepStrictEqual(r.untypesetMath, { formulas: 3, line: 3 + 5 * 4, limit: 'tex' });
    assert.deepStrictEqual(r.mathErrors, []);
    const shown = [
      ...r.html.matchAll(/<div class="il-math-untypeset il-math-untypeset-block"><code>([^<]*)<\/code><\/div>/g),
    ].map((m) => m[1]);
    assert.ok(
      shown.length === 3 && shown.every((tex, k) => tex === `${formula(5 + k)}\n`),
      'each untypeset formula keeps its TeX, in order',
    );
    const inline = renderLesson(`${lesson(5)}\n\nThen $a < b$ inline.`);
    assert.match(inline.html, /Then <code class="il-math-untypeset">a &lt; b<\/code> inline\./);
  });
  it('also stops at MAX_TYPESET_MATH_HTML characters of KaTeX output (formulas that make much HTML)', () => {
    assert.strictEqual(MAX_TYPESET_MATH_HTML, 750_000);
    // About 300 K characters of HTML each: two make 0.6 M, the third starts under the limit and ends past it.
    const big = (i: number) => `$$\n${'x+'.repeat(995)}${String(i).padStart(9, '0')}\n$$`;
    const r = renderLesson(Array.from({ length: 6 }, (_, i) => big(i)).join('\n\n'));
    assert.strictEqual(typeset(r.html), 3);
    assert.deepStrictEqual(r.untypesetMath, { formulas: 3, line: 1 + 4 * 3, limit: 'html' });
    assert.strictEqual(
      typeset(renderLesson(Array.from({ length: 6 }, (_, i) => big(i)).join('\n\n'), { typesetAllMath: true }).html),
      6,
    );
  });
  it('typesetAllMath typesets every formula; a lesson under the limit is the same either way', () => {
    const all = renderLesson(lesson(8), { typesetAllMath: true });
    assert.strictEqual(typeset(all.html), 8);
    assert.strictEqual(all.untypesetMath, undefined);
    const small = lesson(5);
    assert.strictEqual(renderLesson(small).html, renderLesson(small, { typesetAllMath: true }).html);
    assert.strictEqual(renderLesson(small).untypesetMath, undefined);
  });
  it('counts what is typeset, not what is met: a formula met before is shown typeset, past the limit too', () => {
    const r = renderLesson(`${lesson(5)}\n\n$y$\n\n$$\n${formula(0)}\n$$\n\n$z$`);
    assert.strictEqual(typeset(r.html), 6, 'the five, then formula 0 again from the cache');
    assert.deepStrictEqual(r.untypesetMath?.formulas, 2, '$y$ and $z$ are new');
  });
  it('exactly at the limit still typesets; one more character does not', () => {
    const exact = `${lesson(4)}\n\n$$\n${formula(9).replace('y_{0009}', 'z_{0009}')}\n$$`; // 5 × 2,000
    assert.strictEqual(renderLesson(exact).untypesetMath, undefined);
    assert.strictEqual(renderLesson(`${exact}\n\n$q$`).untypesetMath?.formulas, 1);
  });
  it('macro expansion and formulas with errors count too; the count starts again with each lesson', () => {
    // \m expands to 800 tokens that make no HTML: each formula below is about 1,610 (tokens and characters), six fit.
    const r = renderLesson(
      `$\\gdef\\m{${'{}'.repeat(400)}}$\n\n${Array.from({ length: 12 }, (_, i) => `$$\\m\\m+${i}$$`).join('\n\n')}`,
    );
    assert.deepStrictEqual(r.mathErrors, []);
    assert.deepStrictEqual(r.untypesetMath, { formulas: 6, line: 15, limit: 'tex' });
    // 1,986 characters with the line break, each an error: five fit (9,930); the sixth does not, nor $x$ after it.
    const errors = renderLesson(
      `${Array.from({ length: 6 }, () => `$$\n${'x+'.repeat(990)}\\frac\n$$`).join('\n\n')}\n\n$x$`,
    );
    assert.strictEqual(errors.mathErrors.length, 5);
    assert.deepStrictEqual(errors.untypesetMath, { formulas: 2, line: 21, limit: 'tex' });
    assert.strictEqual(renderLesson('$x$').untypesetMath, undefined);
  });
});

describe('Hardening: heading ids never clobber the reader page', () => {
  it('gives a heading named like a page element another id, in the renderer and the tree alike', () => {
    const src = '## End {#il-end}\n\n## Root {#root}\n\n## IL end\n\n## root\n';
    const r = renderLesson(src);
    assert.deepStrictEqual(
      r.headings.map((h) => h.id),
      ['il-end-1', 'root-1', 'il-end-2', 'root-2'],
    );
    assert.ok(!/id="(root|il-end)"/.test(r.html));
    assert.deepStrictEqual(
      scanHeadings(src).map((h) => h.id),
      r.headings.map((h) => h.id),
    );
  });
});

describe('Hardening: the page reports what its CSP refused', () => {
  it('passes the count and first violation through parseReaderMessage, bounded', () => {
    const base = { type: 'rendered', lessonId: 'a', katexCount: 1, fontsLoaded: true, ms: 3 };
    const m = parseReaderMessage({ ...base, cspViolations: 2, cspViolation: 'script-src-attr inline' });
    assert.ok(m?.type === 'rendered' && m.cspViolations === 2 && m.cspViolation === 'script-src-attr inline');
    const bad = parseReaderMessage({ ...base, cspViolations: 'many', cspViolation: 'x'.repeat(301) });
    assert.ok(bad?.type === 'rendered' && bad.cspViolations === 0 && bad.cspViolation === undefined);
  });
});

describe('Hardening: degenerate blocks are shown as written, with a note', () => {
  const LONG = MAX_FORMATTED_INLINE_CHARS;
  const notes = (html: string) => (html.match(/class="il-unformatted-note"/g) ?? []).length;

  it(`a paragraph over ${LONG.toLocaleString('en')} characters is not formatted, and nothing of it is lost`, () => {
    const words = '**bold** [link](https://example.com) $x^2$ <b>tag</b> & "q" ';
    const text = words.repeat(Math.ceil((LONG + 1) / words.length));
    const { html } = renderLesson(`# T\n\n${text}\n\nAfter **this**.`);
    assert.strictEqual(notes(html), 1);
    assert.match(html, /This text has [\d,]+ characters, more than the 20,000/);
    assert.ok(
      !/<strong>bold<\/strong>|<a href="https:\/\/example.com"|class="katex"/.test(html.split('After')[0]),
      'the long paragraph is not formatted',
    );
    // Every character of it is on the page, escaped.
    const shown = /<span class="il-unformatted">([^<]*)<\/span>/.exec(html)![1];
    assert.strictEqual(
      shown
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
      text.trim(),
    );
    assert.match(html, /After <strong>this<\/strong>\./, 'the next paragraph is formatted as usual');
  });

  it('a long run without spaces in such a paragraph gets a break point every 100 characters, and loses nothing', () => {
    const damaged = '\u00c3'.repeat(50_000); // a damaged file: Chromium took 1.9 s to lay this out as one word
    const shown = /<span class="il-unformatted">(.*?)<\/span>/s.exec(renderLesson(damaged).html)![1];
    assert.strictEqual((shown.match(/<wbr>/g) ?? []).length, 499);
    assert.strictEqual(shown.replace(/<wbr>/g, ''), damaged);
    assert.ok(shown.split('<wbr>').every((piece) => piece.length === 100));
    // Code points, not UTF-16 units: an emoji is never cut in half; escaping still applies around the breaks.
    const emoji = `${'😀'.repeat(150)}<&>${'a'.repeat(30_000)}`;
    const pieces = /<span class="il-unformatted">(.*?)<\/span>/s.exec(renderLesson(emoji).html)![1].split('<wbr>');
    assert.strictEqual(pieces[0], '😀'.repeat(100));
    assert.strictEqual(pieces.join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), emoji);
    // Words of ordinary length get none.
    assert.ok(!renderLesson('word '.repeat(5_000)).html.includes('<wbr>'));
  });

  it(`a paragraph of exactly ${LONG.toLocaleString('en')} characters is still formatted`, () => {
    const text = `**a** ${'x'.repeat(LONG - 6)}`;
    assert.strictEqual(text.length, LONG);
    const { html } = renderLesson(text);
    assert.strictEqual(notes(html), 0);
    assert.match(html, /<strong>a<\/strong>/);
  });

  it('a heading too long to format keeps its text for the outline', () => {
    const title = `Long ${'y'.repeat(LONG)}`;
    const r = renderLesson(`## ${title}\n\ntext`);
    assert.strictEqual(r.headings.length, 1);
    assert.strictEqual(r.headings[0].text, title);
    assert.strictEqual(notes(r.html), 1);
  });

  it(`a table of more than ${MAX_TABLE_ROWS.toLocaleString('en')} rows: the first ${MAX_TABLE_ROWS.toLocaleString('en')} as a table, the rest as written`, () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 500 }, (_, i) => `| r${i} | *e${i}* |`);
    const { html } = renderLesson(`| a | b |\n|---|---|\n${rows.join('\n')}\n\nAfter **this**.`);
    assert.strictEqual((html.match(/<tr>/g) ?? []).length, MAX_TABLE_ROWS + 1, 'header and the first rows');
    assert.match(html, /<td>r999<\/td>/);
    assert.ok(!html.includes('<td>r1000</td>'));
    assert.strictEqual(notes(html), 1);
    assert.match(html, /This table has more than 1,000 rows: the other 500 are shown as written\./);
    const rest = /<pre>([^<]*)<\/pre>/.exec(html)![1];
    assert.strictEqual(rest, rows.slice(MAX_TABLE_ROWS).join('\n'));
    assert.match(html, /After <strong>this<\/strong>\./);
  });

  it('the rows past the limit end where the table would have ended: a heading right after it is a heading', () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 2 }, (_, i) => `| r${i} | e |`);
    const r = renderLesson(`| a | b |\n|---|---|\n${rows.join('\n')}\n## Next {#next}\n> quoted **x**\n`);
    assert.match(r.html, /the other 2 are shown as written/);
    assert.strictEqual(/<pre>([^<]*)<\/pre>/.exec(r.html)![1], rows.slice(MAX_TABLE_ROWS).join('\n'));
    assert.deepStrictEqual(
      r.headings.map((h) => h.id),
      ['next'],
    );
    assert.match(r.html, /<blockquote>\s*<p>quoted <strong>x<\/strong><\/p>/);
  });

  it(`a table of exactly ${MAX_TABLE_ROWS.toLocaleString('en')} rows is whole`, () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS }, (_, i) => `| r${i} | e |`);
    const { html } = renderLesson(`| a | b |\n|---|---|\n${rows.join('\n')}\n`);
    assert.strictEqual((html.match(/<tr>/g) ?? []).length, MAX_TABLE_ROWS + 1);
    assert.strictEqual(notes(html), 0);
  });

  it('a table inside a list is capped the same way and the list goes on', () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 3 }, (_, i) => `  | r${i} | e |`);
    const { html } = renderLesson(`- item\n\n  | a | b |\n  |---|---|\n${rows.join('\n')}\n- next **item**\n`);
    assert.strictEqual(notes(html), 1);
    assert.match(html, /the other 3 are shown as written/);
    assert.match(html, /next <strong>item<\/strong>/);
  });

  it('a megabyte line is escaped in pieces without losing or doubling a character', () => {
    const line = 'a<b>&"é😀'.repeat(150_000);
    const { html } = renderLesson(line);
    const shown = /<span class="il-unformatted">(.*?)<\/span>/s.exec(html)![1].replace(/<wbr>/g, '');
    assert.strictEqual(
      shown,
      line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    );
  });
});

// Lesson figures: the SVG allowlist (src/core/markdown/svgAllowlist.ts), which paths may be read
// (src/core/markdown/figures.ts) and how the renderer shows a figure, a refused one and one it was not given.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseFragment } from 'parse5';
import {
  figureReferences,
  figuresKey,
  isRenderOverBudget,
  MAX_FIGURE_BYTES,
  MAX_FIGURES_PER_LESSON,
  renderLesson,
  resolveFigurePath,
  type FigureFile,
} from '../../src/core';
import { sanitizeSvg, SvgNotAllowed } from '../../src/core/markdown/svgAllowlist';
import { generatedFigures } from '../fixtures/hostile/generate';
import { assertInert } from './helpers/inert';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const svg = (body: string, attrs = '') => `<svg ${NS}${attrs}>${body}</svg>`;
const HOSTILE = path.resolve(__dirname, '..', 'fixtures', 'hostile');

function refused(text: string, reason: RegExp): void {
  assert.throws(
    () => sanitizeSvg(text),
    (e: unknown) => e instanceof SvgNotAllowed && reason.test(e.message),
    `expected a refusal matching ${reason}`,
  );
}

/** Every element and attribute of the output, as Chromium's HTML parser (parse5) sees it inside a page. */
function parsedNames(html: string): { elements: string[]; attributes: string[] } {
  const elements: string[] = [];
  const attributes: string[] = [];
  type N = { tagName?: string; attrs?: { name: string }[]; childNodes?: N[] };
  const visit = (n: N) => {
    if (n.tagName) {
      elements.push(n.tagName);
      for (const a of n.attrs ?? []) attributes.push(a.name);
    }
    for (const c of n.childNodes ?? []) visit(c);
  };
  visit(parseFragment(`<p>${html}</p>`) as unknown as N);
  return { elements, attributes };
}

describe('Figures: the SVG allowlist', () => {
  it('rebuilds an allowed figure from the allowlist, never passing the original text through', () => {
    const out = sanitizeSvg(
      `<?xml version="1.0"?>\n<!-- a comment -->\n<svg ${NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" version="1.1" id="x" viewBox='0 0 10 10' inkscape:label="l" data-x="1">` +
        `<metadata><anything/></metadata><title>T &amp; &lt;b&gt;</title>` +
        `<g class="il-ink" transform="translate(1 2) rotate(-90)" id="g" role="button" tabindex="0" aria-label="x">` +
        `<rect x="1" y="1" width="5" height="5" rx="1" fill="currentColor" stroke="var(--vscode-charts-blue, #3794ff)"/>` +
        `<text x="1" y="2" dy="0.32em" text-anchor="middle"><![CDATA[<b>]]> &#x3C;i&#x3E;<tspan font-weight="bold">t</tspan></text>` +
        `<polygon points="0,0 1,1 2,0" class="il-fill il-c0"/></g></svg>`,
    );
    assert.strictEqual(
      out,
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>T &amp; &lt;b&gt;</title>` +
        `<g class="il-ink" transform="translate(1 2) rotate(-90)">` +
        `<rect x="1" y="1" width="5" height="5" rx="1" fill="currentColor" stroke="var(--vscode-charts-blue, #3794ff)"></rect>` +
        `<text x="1" y="2" dy="0.32em" text-anchor="middle">&lt;b&gt; &lt;i&gt;<tspan font-weight="bold">t</tspan></text>` +
        `<polygon points="0,0 1,1 2,0" class="il-fill il-c0"></polygon></g></svg>`,
    );
    assertInert(out);
  });

  it("sets the caller's root attributes (role, label, class) after the file's, merging the class", () => {
    const out = sanitizeSvg(svg('', ' class="mine" role="presentation" aria-label="theirs"'), {
      rootAttributes: { class: 'il-figure-svg', role: 'img', 'aria-label': 'A "quoted" <label>' },
    });
    assert.strictEqual(
      out,
      `<svg xmlns="http://www.w3.org/2000/svg" class="il-figure-svg mine" role="img" aria-label="A &quot;quoted&quot; &lt;label&gt;"></svg>`,
    );
  });

  it('refuses script, foreignObject and every element outside the list', () => {
    refused(svg('<script>alert(1)</script>'), /element <script> is not allowed/);
    refused(svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'), /<foreignObject>/);
    for (const el of [
      'a',
      'use',
      'image',
      'style',
      'set',
      'animate',
      'iframe',
      'defs',
      'linearGradient',
      'marker',
      'svg',
    ])
      refused(svg(`<${el}/>`), new RegExp(`element <${el}> is not allowed`));
    refused(
      svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
      /element <s:script> is not allowed/,
    );
    refused(svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), /is not SVG/);
    refused(`<html xmlns="http://www.w3.org/1999/xhtml"/>`, /is not SVG/);
    refused(`<g ${NS}/>`, /root element is not <svg>/);
  });

  it('refuses event attributes, references and style in any spelling', () => {
    refused(svg('', ' onload="alert(1)"'), /event attribute onload/);
    refused(svg('<rect ONCLICK="alert(1)"/>'), /event attribute ONCLICK/);
    refused(svg('<g><text onbegin="x">t</text></g>'), /event attribute onbegin/);
    refused(svg('<rect href="https://evil.example/"/>'), /attribute href is not allowed/);
    refused(
      svg('<rect xlink:href="javascript:alert(1)"/>', ' xmlns:xlink="http://www.w3.org/1999/xlink"'),
      /attribute xlink:href is not allowed/,
    );
    refused(svg('<rect style="fill:red"/>'), /attribute style is not allowed/);
    refused(svg('<rect fill="url(#g)"/>'), /reference or script/);
    refused(svg('<rect fill="u&#114;l(https://evil.example/p)"/>'), /reference or script/);
    refused(svg(`<rect stroke="URL ('x')"/>`), /reference or script/);
    refused(svg('<rect class="javascript:alert(1)"/>'), /reference or script/);
    refused(svg('<rect width="expression(alert(1))"/>'), /reference or script/);
    refused(svg('<rect fill="data:image/png;base64,AA"/>'), /reference or script/);
  });

  it('refuses values outside an attribute’s pattern (no breaking out of the attribute or the transform list)', () => {
    refused(svg('<rect class="a&quot; onload=&quot;alert(1)"/>'), /class=.* outside the allowlist/);
    refused(svg('<g transform="translate(1 2) scale(2) foo(1)"/>'), /transform=/);
    refused(svg('<rect width="10px;"/>'), /width=/);
    refused(svg('<path d="M0 0 &lt;script&gt;"/>'), /d=/);
    refused(svg('<text font-family="a;b">x</text>'), /font-family=/);
  });

  it('refuses DOCTYPE (external entities, entity bombs), unknown entities and processing instructions', () => {
    const t0 = performance.now();
    refused(fs.readFileSync(path.join(HOSTILE, 'figure-xxe.svg'), 'utf8'), /DOCTYPE/);
    refused(fs.readFileSync(path.join(HOSTILE, 'figure-billion-laughs.svg'), 'utf8'), /DOCTYPE/);
    assert.ok(performance.now() - t0 < 200, 'the entity bomb is refused, not expanded');
    refused(svg('<text>&nbsp;</text>'), /not well-formed XML \(Invalid character entity/);
    refused(svg('<text>&lol9;</text>'), /Invalid character entity/);
    refused(`<?xml-stylesheet href="https://evil.example/x.css"?>${svg('')}`, /processing instruction/);
    // The XML declaration is fine.
    assert.ok(sanitizeSvg(`<?xml version="1.0" encoding="UTF-8"?>${svg('')}`).startsWith('<svg'));
  });

  it('keeps CDATA and character references as escaped text, so nothing breaks out of <text> or <title>', () => {
    for (const f of ['figure-cdata-breakout.svg', 'figure-title-breakout.svg', 'figure-entity-encoded-text.svg']) {
      const out = sanitizeSvg(fs.readFileSync(path.join(HOSTILE, f), 'utf8'));
      assertInert(out);
      const { elements, attributes } = parsedNames(out);
      assert.deepStrictEqual(
        elements.filter((e) => !['p', 'svg', 'text', 'title', 'desc', 'rect'].includes(e)),
        [],
        `${f}: ${out}`,
      );
      assert.deepStrictEqual(
        attributes.filter((a) => !['xmlns', 'viewBox', 'viewbox', 'x', 'y', 'width', 'height'].includes(a)),
        [],
      );
    }
  });

  it('is bounded: size, elements, depth, attributes per element, malformed input', () => {
    refused(svg(`<text>${'x'.repeat(MAX_FIGURE_BYTES)}</text>`), /larger than 256 KB/);
    const gen = new Map(generatedFigures().map((f) => [f.name, f.svg]));
    const t0 = performance.now();
    refused(gen.get('figure-huge-300kb')!, /larger than/);
    refused(gen.get('figure-many-elements-50k')!, /more than 5000 elements/);
    refused(gen.get('figure-deep-10k')!, /nested more than 32 deep/);
    refused(gen.get('figure-long-path-200kb')!, /outside the allowlist/);
    refused(gen.get('figure-many-attributes-20k')!, /more than 256 attributes/);
    refused(gen.get('figure-unclosed-5k')!, /nested more than 32 deep/);
    refused(`<svg ${NS}>${'<g>'.repeat(20)}`, /not well-formed XML \(Unclosed root tag/);
    assert.ok(sanitizeSvg(gen.get('figure-many-elements-under-limit')!).length > 100_000);
    assert.ok(sanitizeSvg(gen.get('figure-deep-under-limit')!).includes('<rect'));
    assert.ok(sanitizeSvg(gen.get('figure-char-refs-100k')!).includes('&lt;&lt;'));
    assert.ok(performance.now() - t0 < 2000, `${(performance.now() - t0).toFixed(0)} ms for the big figures`);
    refused('<svg onload=alert(1)><rect width=5></svg>', /not well-formed/);
    refused('', /no <svg> element/);
    refused('\u0089PNG\r\n', /not well-formed/);
  });

  it('decides every committed hostile figure: only the five harmless ones are inlined', () => {
    const allowed = new Set([
      'figure-ok.svg',
      'figure-cdata-breakout.svg',
      'figure-title-breakout.svg',
      'figure-entity-encoded-text.svg',
      'figure-id-clobber.svg',
    ]);
    const files = fs.readdirSync(HOSTILE).filter((f) => f.endsWith('.svg'));
    assert.ok(files.length >= 25, `${files.length} hostile figures`);
    for (const f of files) {
      let out: string | undefined;
      try {
        out = sanitizeSvg(fs.readFileSync(path.join(HOSTILE, f), 'utf8'));
      } catch (e) {
        if (!(e instanceof SvgNotAllowed)) throw e;
      }
      assert.strictEqual(out !== undefined, allowed.has(f), `${f}: ${out === undefined ? 'refused' : out}`);
      if (out) assertInert(out);
    }
  });
});

describe('Figures: which files may be read', () => {
  it('resolves relative paths inside the base folder and refuses everything else', () => {
    const ok: [string, string, string][] = [
      ['vi/01-x.md', '../figures/a.svg', 'figures/a.svg'],
      ['vi/01-x.md', './b.SVG', 'vi/b.SVG'],
      ['01-x.md', 'figures/sub/c.svg', 'figures/sub/c.svg'],
      ['m/l.md', 'sub/../d.svg', 'm/d.svg'],
      ['m/l.md', 'hình.svg', 'm/hình.svg'],
    ];
    for (const [lesson, src, want] of ok) assert.deepStrictEqual(resolveFigurePath(lesson, src), { path: want }, src);
    const bad: [string, string, string][] = [
      ['vi/01-x.md', '../../x.svg', 'outside'],
      ['01-x.md', '../x.svg', 'outside'],
      ['m/l.md', 'a/../../../x.svg', 'outside'],
      ['m/l.md', '/etc/x.svg', 'absolute'],
      ['m/l.md', '\\\\server\\share\\x.svg', 'absolute'],
      ['m/l.md', 'C:\\x.svg', 'url'], // a drive letter looks like a scheme: refused either way
      ['m/l.md', 'c:/x.svg', 'url'],
      ['m/l.md', 'https://evil.example/x.svg', 'url'],
      ['m/l.md', 'file:///etc/x.svg', 'url'],
      ['m/l.md', 'data:image/svg+xml,x.svg', 'url'],
      ['m/l.md', 'javascript:alert(1)//.svg', 'url'],
      ['m/l.md', '..\\x.svg', 'badPath'],
      ['m/l.md', '%2e%2e/x.svg', 'badPath'],
      ['m/l.md', '..%2fx.svg', 'badPath'],
      ['m/l.md', '&#46;&#46;/x.svg', 'badPath'],
      ['m/l.md', 'x.svg?y', 'badPath'],
      ['m/l.md', 'x.svg#y', 'badPath'],
      ['m/l.md', 'a//x.svg', 'badPath'],
      ['m/l.md', '.git/x.svg', 'badPath'],
      ['m/l.md', 'x.svg\u0000.png', 'badPath'],
      ['m/l.md', 'x.png', 'badPath'],
      ['m/l.md', 'a/b/c/d/e/f/g/h/i/x.svg', 'badPath'],
      ['m/l.md', ' x.svg', 'badPath'],
    ];
    for (const [lesson, src, problem] of bad)
      assert.deepStrictEqual(resolveFigurePath(lesson, src), { problem }, JSON.stringify(src));
  });

  it('lists the figure references of a lesson, as written, at most MAX_FIGURES_PER_LESSON', () => {
    const md = [
      '![a](../figures/a.svg) ![b](<with space.svg> "title") ![png](x.png) [link](l.svg)',
      '![ref][r] ![dup](../figures/a.svg) ![q](x.svg?1)',
      '[r]: ./ref.svg',
      '   [r2]: <other.svg>',
    ].join('\n');
    assert.deepStrictEqual(figureReferences(md), [
      '../figures/a.svg',
      'with space.svg',
      'x.svg?1',
      './ref.svg',
      'other.svg',
    ]);
    const many = Array.from({ length: 50 }, (_, i) => `![f](f${i}.svg)`).join('\n');
    assert.strictEqual(figureReferences(many).length, MAX_FIGURES_PER_LESSON);
  });

  it('fingerprints figures by content (the reader caches rendered lessons by it)', () => {
    const a = figuresKey({ 'x.svg': { svg: '<svg/>' } });
    assert.notStrictEqual(a, figuresKey({ 'x.svg': { svg: '<svg />' } }));
    assert.notStrictEqual(a, figuresKey({ 'x.svg': { problem: 'missing' } }));
    assert.strictEqual(a, figuresKey({ 'x.svg': { svg: '<svg/>' } }));
    assert.strictEqual(figuresKey(undefined), '');
  });
});

describe('Figures: in a rendered lesson', () => {
  const ok = fs.readFileSync(path.join(HOSTILE, 'figure-ok.svg'), 'utf8');
  const files: Record<string, FigureFile> = {
    'ok.svg': { svg: ok },
    'bad.svg': { svg: svg('<script>alert(1)</script>') },
    '../up.svg': { problem: 'outside' },
    'link.svg': { problem: 'symlink' },
  };
  const figures = (src: string) => (Object.hasOwn(files, src) ? files[src] : undefined);

  it('inlines an allowed figure, labelled with its alt text', () => {
    const html = renderLesson('Text\n\n![A *labelled* figure <b>](ok.svg)\n', { figures }).html;
    assert.match(
      html,
      /<p><span class="il-figure"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 120 40" width="120" height="40" class="il-figure-svg" role="img" aria-label="A labelled figure &lt;b&gt;"><title>An allowed figure<\/title><g class="il-ink"/,
    );
    assertInert(html);
  });

  it('shows the alt text and the reason for a figure it cannot show', () => {
    const html = renderLesson('![bad](bad.svg) ![up](../up.svg) ![link](link.svg) ![gone](gone.svg) ![q](ok.svg?x)', {
      figures,
      labels: { figureNotShown: 'Not shown: {0}' },
    }).html;
    const errors = [
      ...html.matchAll(
        /<span class="il-figure il-figure-error" role="img" aria-label="([^"]*)"[^>]*><span class="il-figure-alt">([^<]*)<\/span> <span class="il-figure-problem">([^<]*)<\/span><\/span>/g,
      ),
    ].map((m) => [m[1], m[3]]);
    assert.deepStrictEqual(errors, [
      ['bad', 'Not shown: the SVG is outside the allowlist (element &lt;script&gt; is not allowed)'],
      ['up', 'Not shown: the file is outside the folder of the lessons'],
      ['link', 'Not shown: the file is a symbolic link'],
      ['gone', 'Not shown: the file was not found'],
      ['q', 'Not shown: the file was not found'],
    ]);
    assertInert(html);
  });

  it('leaves URLs and other images as before, and without `figures` every image as before', () => {
    const md = '![remote](https://evil.example/x.svg) ![png](x.png) ![rel](ok.svg)';
    const withFigures = renderLesson(md, { figures }).html;
    assert.strictEqual((withFigures.match(/il-image-missing/g) ?? []).length, 2);
    assert.strictEqual((withFigures.match(/il-figure-svg/g) ?? []).length, 1);
    const without = renderLesson(md).html;
    assert.strictEqual((without.match(/il-image-missing/g) ?? []).length, 3);
    assert.ok(!without.includes('<svg'));
  });

  it('inlines each figure once per reference and stops at MAX_FIGURES_PER_LESSON distinct ones', () => {
    const many: Record<string, FigureFile> = {};
    for (let i = 0; i < 40; i++) many[`f${i}.svg`] = { svg: ok };
    const md = Array.from({ length: 40 }, (_, i) => `![f${i}](f${i}.svg)`).join('\n\n');
    const html = renderLesson(md, { figures: (s) => many[s] }).html;
    assert.strictEqual((html.match(/il-figure-svg/g) ?? []).length, MAX_FIGURES_PER_LESSON);
    assert.strictEqual((html.match(/lesson has too many figures/g) ?? []).length, 40 - MAX_FIGURES_PER_LESSON);
  });

  it('checks the render budget before each figure', () => {
    const big = generatedFigures().find((f) => f.name === 'figure-many-elements-under-limit')!.svg;
    const many: Record<string, FigureFile> = {};
    for (let i = 0; i < 32; i++) many[`f${i}.svg`] = { svg: big };
    const md = Array.from({ length: 32 }, (_, i) => `![f${i}](f${i}.svg)`).join('\n\n');
    assert.throws(
      () => renderLesson(md, { figures: (s) => many[s], budgetMs: 1 }),
      (e: unknown) => isRenderOverBudget(e),
    );
  });
});

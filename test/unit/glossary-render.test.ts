import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import {
  glossaryMarkdownItPlugin,
  parseGlossary,
  createGlossary,
  glossaryHoverMarkdown,
  glossaryEntryMarkdown,
  commandUri,
  markdownCode,
  svgDataUri,
  isInertSvg,
  FormulaImages,
  type GlossaryMarkOptions,
} from '../../src/core';
import { sampleGlossary } from './glossary-termAt.test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as {
  parser(strict: boolean): { onerror: (e: Error) => void; write(s: string): { close(): void } };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { texToSvg, renderGlossaryFormulas } = require('../../scripts/glossary-formulas.js') as {
  texToSvg(tex: string, display?: boolean): string;
  renderGlossaryFormulas(text: string, warn?: (m: string) => void): Record<string, string>;
};

function engine(o: Partial<GlossaryMarkOptions> = {}, mdOptions: MarkdownIt.Options = {}): MarkdownIt {
  const md = new MarkdownIt(mdOptions);
  md.use(katexPlugin);
  glossaryMarkdownItPlugin(md, { glossary: sampleGlossary(), language: 'en', firstOnly: 'section', ...o });
  return md;
}

const abbrs = (html: string) =>
  [...html.matchAll(/<abbr class="il-term" data-term="([^"]*)" title="([^"]*)">([^<]*)<\/abbr>/g)].map((m) => [
    m[1],
    m[3],
  ]);

describe('glossaryMarkdownItPlugin', () => {
  it('marks terms with the definition as title, in the chosen language', () => {
    const html = engine().render('A linear probe reads features.\n');
    assert.strictEqual(
      html,
      '<p>A <abbr class="il-term" data-term="linear-probe" title="A linear classifier trained on activations to test whether they encode a property.">linear probe</abbr> reads ' +
        '<abbr class="il-term" data-term="feature" title="A property of the input that the network represents, often as a direction.">features</abbr>.</p>\n',
    );
    const vi = engine({ language: 'vi' }).render('Hiện tượng chồng chập.\n');
    assert.match(
      vi,
      /<abbr class="il-term" data-term="superposition" title="Mạng biểu diễn nhiều đặc trưng hơn số chiều, dưới dạng các hướng gần trực giao.">chồng chập<\/abbr>/,
    );
  });

  it("'section' marks the first occurrence per section, 'all' every one, 'none' nothing", () => {
    const src = '## One\n\nprobe and probe.\n\nprobe again.\n\n## Two\n\nA probe.\n';
    assert.deepStrictEqual(abbrs(engine({ firstOnly: 'section' }).render(src)), [
      ['probe', 'probe'],
      ['probe', 'probe'],
    ]);
    assert.strictEqual(abbrs(engine({ firstOnly: 'all' }).render(src)).length, 4);
    assert.strictEqual(abbrs(engine({ firstOnly: 'none' }).render(src)).length, 0);
  });

  it("'section': a term seen earlier in the section is skipped but still ends the word run (no shorter term inside it)", () => {
    // "linear probe" was marked: its second occurrence is left as text, and its "probe" is not marked instead.
    const src = 'A linear probe.\n\nAnother linear probe, then a probe.\n\n## Next\n\nlinear\nprobe\n';
    assert.deepStrictEqual(abbrs(engine({ firstOnly: 'section' }).render(src)), [
      ['linear-probe', 'linear probe'],
      ['probe', 'probe'],
      ['probe', 'probe'],
    ]);
    assert.deepStrictEqual(abbrs(engine({ firstOnly: 'all' }).render(src)), [
      ['linear-probe', 'linear probe'],
      ['linear-probe', 'linear probe'],
      ['probe', 'probe'],
      ['probe', 'probe'],
    ]);
  });

  it('leaves code, math, links, images, headings and raw HTML alone', () => {
    const src = [
      '# Superposition heading',
      '',
      '`probe` code and $\\text{probe}$ math and [a probe](https://x.org/probe) and ![probe](p.png).',
      '',
      '```',
      'probe in a fence',
      '```',
      '',
      '<a href="https://x.org">probe in html</a> then probe.',
    ].join('\n');
    const html = engine({ firstOnly: 'all' }, { html: true }).render(src);
    assert.deepStrictEqual(abbrs(html), [['probe', 'probe']]);
    assert.match(html, /then <abbr[^>]*>probe<\/abbr>\./);
  });

  it('escapes definitions and ids: output stays inert', () => {
    const evil = createGlossary([
      {
        id: 'x"y',
        terms: { en: ['evil'] },
        definition: { en: '"><script>alert(1)</script><img src=x onerror=alert(2)>' },
        explanation: {},
        related: [],
      },
    ]);
    const html = engine({ glossary: evil, firstOnly: 'all' }).render('An evil term.\n');
    assert.doesNotMatch(html, /<script|<img/i);
    assert.match(
      html,
      /title="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;"/,
    );
    assert.match(html, /data-term="x&quot;y"/);
  });

  it('escapes the term text itself', () => {
    const g = parseGlossary(
      JSON.stringify({ entries: [{ id: 'amp', terms: { en: ['R&D'] }, definition: { en: 'd' } }] }),
      'g',
    ).glossary;
    const html = engine({ glossary: g, firstOnly: 'all' }).render('Our R&D team.\n');
    assert.match(html, /<abbr class="il-term" data-term="amp" title="d">R&amp;D<\/abbr>/);
  });

  it('takes per-render options from a resolver (shared engine, settings read at render time)', () => {
    const md = new MarkdownIt();
    let on = true;
    glossaryMarkdownItPlugin(md, {
      resolve: (env) =>
        on && (env as { lang?: 'en' | 'vi' }).lang
          ? { glossary: sampleGlossary(), language: (env as { lang: 'en' | 'vi' }).lang, firstOnly: 'all' }
          : undefined,
    });
    assert.match(md.render('a probe', { lang: 'vi' }), /title="Một mô hình nhỏ/);
    assert.doesNotMatch(md.render('a probe', {}), /abbr/);
    on = false;
    assert.doesNotMatch(md.render('a probe', { lang: 'vi' }), /abbr/);
  });
});

function assertWellFormedXml(xml: string): void {
  const p = sax.parser(true);
  let error: Error | undefined;
  p.onerror = (e) => {
    error = e;
  };
  p.write(xml).close();
  assert.strictEqual(error, undefined, String(error));
}

function decode(uri: string): string {
  const m = /^data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)$/.exec(uri);
  assert.ok(m, uri.slice(0, 80));
  return Buffer.from(m[1], 'base64').toString('utf8');
}

describe('formula images', () => {
  const tex = '\\hat{y} = \\sigma(\\mathbf{w}^\\top \\mathbf{h} + b)';
  const svg = texToSvg(tex);

  it('MathJax renders TeX to a standalone SVG with glyph paths', () => {
    assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<defs><path id="MJX-[^"]+" d="M/);
    assert.ok(isInertSvg(svg));
  });

  it('data URI decodes to well-formed XML, painted in the given colour, without script', () => {
    const uri = svgDataUri(svg, '#cccccc')!;
    const xml = decode(uri);
    assertWellFormedXml(xml);
    assert.match(xml, /^<svg color="#cccccc" /);
    assert.ok(!/<script|\son\w+=|javascript:/i.test(xml));
  });

  it('Vietnamese text in a formula survives the base64 round trip', () => {
    const svg2 = texToSvg('\\text{độ chọn lọc} = a - b');
    const xml = decode(svgDataUri(svg2)!);
    assertWellFormedXml(xml);
    assert.strictEqual(xml, svg2);
    assert.match(xml, />ộ<\/text>/);
  });

  it('refuses SVGs that could do anything but draw', () => {
    for (const bad of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="alert(1)"></svg>',
      '<svg><a href="https://x.org"><text>x</text></a></svg>',
      '<svg><use xlink:href="https://x.org/s.svg#a"/></svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><image href="data:x"/></svg>',
      'not svg',
    ])
      assert.strictEqual(svgDataUri(bad), undefined, bad);
    assert.strictEqual(svgDataUri('<svg></svg>', 'red;"><script>'), undefined);
  });

  it('links in TeX are refused at build time (\\href is not even defined)', () => {
    assert.throws(() => texToSvg('\\href{https://x.org}{x}'), /Undefined control sequence \\href/);
  });

  it('build-time rendering reports a TeX error and leaves that formula out', () => {
    const warnings: string[] = [];
    const out = renderGlossaryFormulas(
      JSON.stringify({ entries: [{ id: 'ok', formula: 'x^2' }, { id: 'bad', formula: '\\frac{1}{' }, { id: 'none' }] }),
      (m) => warnings.push(m),
    );
    assert.deepStrictEqual(Object.keys(out), ['x^2']);
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0], /"bad" not rendered/);
  });

  it('FormulaImages caches per formula and colour, and has no image for unknown TeX', () => {
    const images = new FormulaImages({ [tex]: svg });
    const a = images.uri(tex, '#000000');
    assert.ok(a?.startsWith('data:image/svg+xml;base64,'));
    assert.strictEqual(images.uri(tex, '#000000'), a);
    assert.notStrictEqual(images.uri(tex, '#ffffff'), a);
    assert.strictEqual(images.uri('x^3'), undefined);
    assert.strictEqual(images.uri('constructor'), undefined);
  });
});

describe('hover and entry page markdown', () => {
  const g = sampleGlossary();
  const labels = {
    introducedIn: 'Introduced in',
    related: 'Related:',
    formula: 'Formula',
    notInLessons: 'Not in the lessons:',
  };
  it('hover: term with the other language, definition, math as code, image or TeX, lesson and related links', () => {
    const e = g.byId.get('superposition')!;
    const md = glossaryHoverMarkdown(e, {
      language: 'vi',
      formulaImage: 'data:image/svg+xml;base64,AAAA',
      lesson: {
        label: 'Bài 3 § Chồng chập',
        uri: commandUri('interpLessons._showLesson', { lessonId: 'concepts-and-terms', section: 'superposition' }),
      },
      related: [{ label: 'đặc trưng', uri: 'command:x' }],
      labels,
    });
    assert.match(md, /^\*\*chồng chập\*\* · \*superposition\*\n\nMạng biểu diễn/);
    assert.match(md, /Với `n` đặc trưng thưa trong `m < n` chiều/);
    assert.match(md, /!\[Formula\]\(data:image\/svg\+xml;base64,AAAA\)/);
    assert.match(
      md,
      /Introduced in \[Bài 3 § Chồng chập\]\(command:interpLessons\._showLesson\?%5B%7B%22lessonId%22%3A%22concepts-and-terms%22%2C%22section%22%3A%22superposition%22%7D%5D\)/,
    );
    const tex = glossaryHoverMarkdown(e, { language: 'en', related: [], labels });
    assert.match(tex, /```latex\n\\mathbf\{h\} \\approx \\sum_i f_i \\mathbf\{d\}_i\n```/);
  });
  it('hover: data from a user file cannot inject links, images or HTML', () => {
    const evil = createGlossary([
      {
        id: 'e',
        terms: { en: ['[x](command:workbench.action.quit)'] },
        definition: { en: '![i](https://x.org/t.png) <img src=x> [a](command:rm)' },
        explanation: {},
        related: [],
      },
    ]);
    const md = glossaryHoverMarkdown(evil.byId.get('e')!, { language: 'en', related: [], labels });
    assert.doesNotMatch(md, /(^|[^\\])\[[^\]]*\]\(/);
    assert.doesNotMatch(md, /(^|[^\\])</);
    assert.strictEqual(markdownCode('a`b'), '``a`b``');
  });
  it('entry page: math kept for KaTeX, links to lessons and related entries, usages counted', () => {
    const md = glossaryEntryMarkdown({
      entry: g.byId.get('linear-probe')!,
      glossary: g,
      language: 'en',
      introducedLabel: 'Lesson 4 § Probes',
      usages: [{ lessonId: 'theory-and-experiment', label: 'Lesson 4: Theory', section: 'probes', count: 3 }],
      labels: {
        aliases: 'Also:',
        introducedIn: 'Introduced in',
        usedIn: 'Where the lessons use it',
        related: 'Related terms',
        reference: 'Reference',
        notInLessons: 'Not in the lessons',
        notUsed: 'None',
        times: (n) => `${n}×`,
      },
    });
    assert.match(md, /^# linear probe\n\n\*Also:\* linear probes · linear probing · đầu dò tuyến tính/);
    assert.match(md, /\$\$\n\\hat\{y\} = \\sigma/);
    assert.match(md, /\[Lesson 4 § Probes\]\(#lesson:theory-and-experiment\/probes\)/);
    assert.match(md, /- \[Lesson 4: Theory\]\(#lesson:theory-and-experiment\/probes\) \(3×\)/);
    assert.match(md, /- \[probe\]\(#term:probe\): A small model/);
  });
});

describe('entry page aliases', () => {
  it('lists each alias once, case-insensitively, without the title', () => {
    const g = createGlossary([
      {
        id: 'sae',
        terms: { en: ['sparse autoencoder', 'SAE'], vi: ['bộ tự mã hóa thưa', 'SAE', 'sae'] },
        definition: { en: 'd' },
        explanation: {},
        related: [],
      },
    ]);
    const md = glossaryEntryMarkdown({
      entry: g.byId.get('sae')!,
      glossary: g,
      language: 'vi',
      usages: [],
      labels: {
        aliases: 'Also:',
        introducedIn: '',
        usedIn: 'Used',
        related: '',
        reference: '',
        notInLessons: '',
        notUsed: 'none',
        times: String,
      },
    });
    assert.match(md, /^# bộ tự mã hóa thưa\n\n\*Also:\* SAE · sparse autoencoder\n/);
  });
});

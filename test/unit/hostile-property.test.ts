// Property-based hostile input: random mixtures of markdown syntax, raw HTML, URLs with every scheme
// trick, and TeX (the dangerous commands included). Whatever comes in, no exception escapes the
// renderer or the course scanners, and the HTML is inert. Fixed seed (FC_SEED to replay another one;
// fast-check prints the seed and path of any counterexample).
import * as assert from 'assert';
import fc from 'fast-check';
import {
  buildLessonArticle,
  indexLessonText,
  parseCourseFolder,
  parseReaderMessage,
  renderLesson,
  scanHeadings,
} from '../../src/core';
import { hostileGlossary } from '../fixtures/hostile/corpus';
import { assertInert } from './helpers/inert';

const SEED = Number(process.env.FC_SEED ?? 7_2026_11);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const glossary = hostileGlossary();
const LABELS = {
  contents: 'Contents',
  previous: 'Previous',
  next: 'Next',
  endOfCourse: 'End',
  minutes: '{0} min',
  mathErrors: '{0} math errors',
};

const SCHEMES = [
  'javascript',
  'JaVaScRiPt',
  'vbscript',
  'data',
  'file',
  'command',
  'vscode',
  'http',
  'https',
  'mailto',
  'ftp',
  'java\tscript',
  'java\nscript',
  ' javascript',
  '\u0001javascript',
  '&#106;avascript',
  'javascript&colon;',
  'jav&#x09;ascript',
  '%6Aavascript',
  '//evil.example',
  '/\\evil.example',
];
const url = fc
  .tuple(
    fc.constantFrom(...SCHEMES),
    fc.constantFrom(':alert(1)', ':__pwned()', '://example.com/x', ':text/html,<script>alert(1)</script>', ''),
  )
  .map(([s, r]) => (s.startsWith('/') ? s : s + r));

const TEX_COMMANDS = [
  '\\href{URL}{x}',
  '\\url{URL}',
  '\\includegraphics{URL}',
  '\\htmlClass{il-run}{x}',
  '\\htmlId{il-end}{x}',
  '\\htmlStyle{background:url(URL)}{x}',
  '\\htmlData{il-open=x}{y}',
  '\\def\\a{\\a\\a}\\a',
  '\\edef\\b{\\b\\b}',
  '\\gdef\\c#1{#1#1}\\c{\\c{\\c{x}}}',
  '\\newcommand{\\d}{\\d}',
  '\\rule{99999em}{99999em}',
  '\\kern99999em',
  '\\hspace{9999em}',
  '\\color{red;background:url(URL)}{x}',
  '\\textcolor{expression(alert(1))}{y}',
  '\\colorbox{url(x)}{z}',
  '\\text{<script>alert(1)</script>}',
  '\\text{<img src=x onerror=alert(1)>}',
  '\\operatorname{<b>}',
  '\\verb|<i>|',
  '\\frac{',
  '\\sqrt{',
  '\\left(',
  '\\right)',
  '\\begin{array}{c}',
  '\\end{array}',
  '\\begin{matrix}',
  '\\end{matrix}',
  '{',
  '}',
  '^',
  '_',
  '&',
  '\\\\',
  '\\char"3C',
  '\\tag{<b>}',
  '\\unknowncommand',
  'x',
  'y',
  '1',
  '+',
  ' ',
  '<',
  '>',
  '"',
  "'",
];
const tex = fc
  .array(fc.tuple(fc.constantFrom(...TEX_COMMANDS), url), { maxLength: 12 })
  .map((parts) => parts.map(([c, u]) => c.replace(/URL/g, u)).join(''));

const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">a</a>',
  '<iframe src=javascript:alert(1)>',
  '<svg onload=alert(1)>',
  '<style>*{background:url(x)}</style>',
  '<!--',
  '-->',
  '<![CDATA[',
  '<b onclick="alert(1)">',
  '</p>',
  '<div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];
const SYNTAX = [
  '*',
  '**',
  '_',
  '__',
  '`',
  '``',
  '```',
  '```snippet\n',
  '~~',
  '# ',
  '## ',
  '### ',
  '> ',
  '> [!NOTE] ',
  '- ',
  '1. ',
  '|',
  '|---|',
  '---',
  '\n',
  '\n\n',
  '[',
  ']',
  '(',
  ')',
  '![',
  '<',
  '>',
  '&',
  '&#x6A;',
  '&lt;',
  '\\',
  ' {#',
  '}',
  '$',
  '$$',
  '\n$$\n',
  '"',
  "'",
  ' ',
  'text',
  'Tiếng Việt',
  'superposition',
  'linear probe',
  'word',
  'alert',
  'script',
];

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 2, arbitrary: fc.constantFrom(...HTML) },
  { weight: 2, arbitrary: url.map((u) => `[link](${u})`) },
  { weight: 1, arbitrary: url.map((u) => `![img](${u})`) },
  { weight: 1, arbitrary: url.map((u) => `<${u}>`) },
  { weight: 1, arbitrary: url },
  { weight: 2, arbitrary: tex.map((t) => `$${t}$`) },
  { weight: 1, arbitrary: tex.map((t) => `\n$$\n${t}\n$$\n`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
);
const markdown = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

function checkLesson(md: string): void {
  const rendered = renderLesson(md, {
    runnableSnippets: new Set(['x']),
    classifyLink: (h) => (h.includes('a') ? 'lesson' : 'broken'),
    glossary,
    glossaryMarking: { language: 'en', firstOnly: 'all' },
  });
  assertInert(rendered.html);
  assertInert(
    buildLessonArticle({ lessonId: 'p', rendered, labels: LABELS, next: { id: 'n', title: rendered.title } }),
    { noStyleAttributes: true, article: true },
  );
  parseCourseFolder([{ path: 'p.md', text: md }]);
  indexLessonText('p', 'P', md);
  scanHeadings(md);
}

describe(`Hostile properties (fast-check seed ${SEED}, ${RUNS} runs each)`, function () {
  this.timeout(300_000);
  before(() => console.log(`      fast-check seed ${SEED} (FC_SEED=${SEED} replays it), ${RUNS} runs per property`));

  it('random markdown with HTML, script URLs and TeX: no exception escapes, output inert', () => {
    fc.assert(
      fc.property(markdown, (md) => checkLesson(md)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('random front matter: no exception, problems reported as text', () => {
    const yaml = fc
      .array(
        fc.constantFrom(
          'title: ',
          'id: ',
          'order: ',
          '"',
          "'",
          '[',
          ']',
          '{',
          '}',
          '&a ',
          '*a ',
          '!!js/function ',
          '<script>',
          '\n',
          '  - ',
          ': ',
          '__proto__: ',
          '\t',
          'x',
        ),
        { maxLength: 20 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(yaml, markdown, (fm, body) => checkLesson(`---\n${fm}\n---\n${body}`)),
      { seed: SEED, numRuns: RUNS },
    );
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('random TeX in inline and display math: no exception escapes, output inert', () => {
    fc.assert(
      fc.property(tex, fc.boolean(), (t, display) => checkLesson(display ? `$$\n${t}\n$$` : `a $${t}$ b`)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('any message from the page: parseReaderMessage never throws and passes only well-formed ones', () => {
    const shaped = fc.record(
      {
        type: fc.constantFrom(
          'ready',
          'rendered',
          'link',
          'open',
          'runSnippet',
          'scroll',
          'reachedEnd',
          'term',
          'show',
          '__proto__',
          'constructor',
        ),
        lessonId: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
        href: fc.oneof(url, fc.string({ maxLength: 3000 })),
        id: fc.oneof(fc.string(), fc.constantFrom('a.b-c', '../x', 'x y')),
        katexCount: fc.oneof(fc.double(), fc.string()),
        fontsLoaded: fc.anything(),
        ms: fc.oneof(fc.double(), fc.constant(Infinity)),
        ratio: fc.double(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(shaped, fc.anything()), (m) => {
        const parsed = parseReaderMessage(m);
        if (!parsed) return;
        if (parsed.type === 'runSnippet') assert.match(parsed.id, /^[\w.-]{1,100}$/);
        if (parsed.type === 'scroll') assert.ok(parsed.ratio >= 0 && parsed.ratio <= 1);
        if (parsed.type === 'rendered') assert.ok(Number.isFinite(parsed.ms) && Number.isFinite(parsed.katexCount));
        if ('href' in parsed) assert.ok(parsed.href.length <= 2048);
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });
});

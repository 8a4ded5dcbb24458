// src/core/activation.ts is core as the extension host loads it (issue 15): every name of src/core/index.ts
// except the markdown renderer's, and nothing that loads markdown-it or KaTeX.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as core from '../../src/core';
import * as activation from '../../src/core/activation';
import * as lazy from '../../src/core/lazy';

const RENDERER_ONLY = ['KATEX_OPTIONS', 'RenderOverBudget', 'renderLesson'];

describe('core/activation.ts, the extension host entry point', () => {
  it("exports every name of core's public face except the renderer's, each the same value", () => {
    const missing = Object.keys(core).filter((k) => !(k in activation) && !RENDERER_ONLY.includes(k));
    assert.deepStrictEqual(missing, [], 'add these to src/core/activation.ts (unless they need markdown-it)');
    // isRenderOverBudget has a copy of its own here (render.ts's would load markdown-it): same answers.
    const over = new core.RenderOverBudget(5);
    for (const e of [
      over,
      new Error('x'),
      Object.assign(new Error('y'), { name: 'RenderOverBudget' }),
      'RenderOverBudget',
      {},
    ])
      assert.strictEqual(activation.isRenderOverBudget(e), core.isRenderOverBudget(e));
    for (const k of Object.keys(activation).filter((n) => n !== 'isRenderOverBudget' && !(n in lazy)))
      assert.strictEqual(
        (activation as Record<string, unknown>)[k],
        (core as Record<string, unknown>)[k],
        `${k} is not core's own`,
      );
  });

  it('the lazily loaded functions give what the eager ones give', () => {
    for (const k of Object.keys(lazy))
      assert.strictEqual((activation as Record<string, unknown>)[k], (lazy as Record<string, unknown>)[k]);
    const damaged = Buffer.from('Tiếng Việt có dấu: người học đọc bài', 'utf8').toString('latin1');
    assert.deepStrictEqual(lazy.repairMojibake(damaged), core.repairMojibake(damaged));
    const text =
      '{"entries":[{"id":"x","terms":{"en":["ex"]},"definition":{"en":"X."},"explanation":{},"related":["nope"]}]}';
    assert.deepStrictEqual(lazy.parseGlossary(text, 'f.json'), core.parseGlossary(text, 'f.json'));
    const job = { kind: 'regression' as const, text: 'y ~ x\nx,y\n1,2\n2,4.1\n3,5.9\n4,8.2', lineOffset: 0 };
    assert.strictEqual(lazy.estimateJobCost(job), core.estimateJobCost(job));
    assert.deepStrictEqual(lazy.runJob(job), core.runJob(job));
    assert.strictEqual(lazy.toPythonScript('study-hours', {}), core.toPythonScript('study-hours', {}));
    const body = '<h2 id="a">Probes &amp; <em>features</em></h2><p>A linear probe reads a feature.</p>';
    const plain = lazy.lessonPlainText(body);
    assert.strictEqual(plain, core.lessonPlainText(body));
    const at = plain.indexOf('linear probe');
    const range = { start: at, end: at + 'linear probe'.length };
    const selector = lazy.describeRange(plain, range);
    assert.deepStrictEqual(selector, core.describeRange(plain, range));
    assert.deepStrictEqual(lazy.anchorQuote(plain, selector), core.anchorQuote(plain, selector));
    const annotation = { id: 'a1', color: 'yellow' as const, selector, note: '' };
    assert.deepStrictEqual(
      lazy.anchorAnnotations(plain, [annotation as never]),
      core.anchorAnnotations(plain, [annotation as never]),
    );
    const marked = [{ id: 'a1', color: 'yellow' as const, range, exact: 'linear probe', note: 'n' }];
    assert.deepStrictEqual(lazy.markBody(body, marked), core.markBody(body, marked));
    assert.strictEqual(lazy.plainNote('**a** [b](https://x)'), core.plainNote('**a** [b](https://x)'));
    const fonts = new Map([['KaTeX_Main-Regular.woff2', 'data:font/woff2;base64,AA']]);
    const css = '@font-face{src:url(fonts/KaTeX_Main-Regular.woff2) format("woff2")}';
    assert.strictEqual(lazy.inlineKatexFonts(css, fonts), core.inlineKatexFonts(css, fonts));
  });

  it('reaches no module that imports markdown-it, KaTeX or highlight.js at run time', () => {
    const root = path.join(__dirname, '..', '..', 'src', 'core');
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, 'utf8');
      if (/^import (?!type )[^;]*from '(markdown-it|katex|@vscode\/markdown-it-katex|highlight\.js)/m.test(text))
        offenders.push(path.relative(root, file));
      for (const m of text.matchAll(/^(?:import|export) (?!type )[^;]*?from '(\.[^']+)'/gms)) {
        const base = path.resolve(path.dirname(file), m[1]);
        const next = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
        if (next) visit(next);
      }
    };
    visit(path.join(root, 'activation.ts'));
    assert.deepStrictEqual(offenders, []);
    assert.ok(seen.size > 20);
  });
});

describe('the production build: pieces loaded on first use (esbuild.js LAZY)', function () {
  this.timeout(120_000);
  type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  let dir: string;
  let metafile: Metafile;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { nodeBuildOptions, LAZY } = require('../../esbuild.js') as {
    nodeBuildOptions(o: { production: boolean; outdir: string }): import('esbuild').BuildOptions;
    LAZY: Record<string, { entry: string }>;
  };
  const root = path.join(__dirname, '..', '..');

  before(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-lazy-'));
    metafile = (await esbuild.build(nodeBuildOptions({ production: true, outdir: dir }))).metafile as Metafile;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const inputsOf = (name: string) =>
    Object.entries(metafile.outputs).find(([file]) => file.endsWith(`/${name}.js`))![1].inputs;

  it('dist/extension.js holds no more of a lazy entry module than a constant, and each is a file of its own', () => {
    const inExtension = inputsOf('extension');
    const found: string[] = [];
    for (const [name, { entry }] of Object.entries(LAZY)) {
      assert.ok(fs.existsSync(path.join(dir, `lazy-${name}.js`)), `lazy-${name}.js`);
      if (entry.startsWith('virtual:')) continue;
      const rel = path.relative(root, entry).split(path.sep).join('/');
      // A constant the extension uses (MAX_GLOSSARY_CHARS of glossary/parse.ts) is a few bytes; code is more.
      if ((inExtension[rel]?.bytesInOutput ?? 0) > 100) found.push(rel);
    }
    // mojibake.ts: detectMojibake runs on every lesson open; only the repair is loaded on first use.
    assert.deepStrictEqual(found, ['src/core/text/mojibake.ts']);
  });

  it("the lesson reader, its page builders, the render service, the snippet catalogue and the annotations' controller, notes editor and annotate are not in dist/extension.js", () => {
    const inExtension = inputsOf('extension');
    const moved = [
      'src/features/lessons/reader.ts',
      'src/features/lessons/readerPanel.ts',
      'src/features/lessons/lessonRender.ts',
      'src/features/lessons/commands.ts',
      'src/features/lessons/pickers.ts',
      'src/features/lessons/repairEncoding.ts',
      'src/core/page/lessonPage.ts',
      'src/features/shared/render/renderService.ts',
      'lessons/snippets.json',
      'src/features/annotations/controller.ts',
      'src/features/annotations/edits.ts',
      'src/features/annotations/annotate.ts',
    ];
    assert.deepStrictEqual(
      moved.filter((f) => (inExtension[f]?.bytesInOutput ?? 0) > 0),
      [],
    );
    // The catalogue is still checked where it is used: the reader's Run buttons and the snippets feature.
    for (const piece of ['lazy-lessons-reader', 'lazy-snippets'])
      assert.ok((inputsOf(piece)['lessons/snippets.json']?.bytesInOutput ?? 0) > 0, piece);
  });

  it("each piece loads (with a stub 'vscode') and exports every name its source module exports", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Module = require('module') as { _load(request: string, ...rest: unknown[]): unknown };
    const any = (): unknown =>
      new Proxy(function () {}, {
        get: (_t, k) => (k === 'prototype' ? {} : any()),
        construct: () => any() as object,
        apply: () => any(),
      });
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? new Proxy({}, { get: () => any() }) : load.call(this, request, ...rest);
    };
    try {
      for (const [name, { entry }] of Object.entries(LAZY)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const piece = require(path.join(dir, `lazy-${name}.js`)) as Record<string, unknown>;
        if (!entry.endsWith('.ts')) {
          assert.ok(Object.keys(piece).length > 0, name);
          continue;
        }
        const names = [
          ...fs
            .readFileSync(entry, 'utf8')
            .matchAll(/^export (?:async )?(?:function\*?|class|const|let|enum) ([A-Za-z_$][\w$]*)/gm),
        ].map((m) => m[1]);
        assert.ok(names.length > 0, name);
        assert.deepStrictEqual(
          names.filter((n) => !(n in piece)),
          [],
          `lazy-${name}.js lacks exports of ${path.relative(root, entry)}`,
        );
      }
    } finally {
      Module._load = load;
    }
  });
});

describe('core and @types/vscode', () => {
  it("no file under src/core names a type that only @types/vscode declares (Thenable: core's stores take PromiseLike)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && /\bThenable\b/.test(fs.readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(path.join(__dirname, '..', '..', 'src', 'core'));
    assert.deepStrictEqual(offenders, []);
  });
});

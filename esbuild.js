// Build: the extension bundle (dist/extension.js), the webview scripts (media/*.js),
// KaTeX's CSS and woff2 fonts (media/katex/), and the integration test bundle (dist/test/).
// Type checking is separate: `npm run typecheck`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { glossaryFormulasPlugin, defaultGlossaryPath } = require('./scripts/glossary-formulas');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = __dirname;

/** Copies katex.min.css and only the woff2 fonts: every @font-face lists woff2 first. */
function copyKatexAssets() {
  const katexDist = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  const out = path.join(root, 'media', 'katex');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'fonts'), { recursive: true });
  fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(out, 'katex.min.css'));
  for (const f of fs.readdirSync(path.join(katexDist, 'fonts'))) {
    if (f.endsWith('.woff2')) fs.copyFileSync(path.join(katexDist, 'fonts', f), path.join(out, 'fonts', f));
  }
}

function webviewEntries() {
  const dir = path.join(root, 'src', 'webview');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

function integrationEntries() {
  const dir = path.join(root, 'test', 'integration');
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Logs build problems in the format VS Code's esbuild problem matcher reads. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * markdown-it, KaTeX and highlight.js belong in dist/renderer.js only: the extension's code imports core through
 * src/core/activation.ts, which never reaches them. Fails the build if one gets into dist/extension.js anyway.
 */
function checkRendererOnly(metafile) {
  const out = Object.entries(metafile?.outputs ?? {}).find(
    ([file]) => /(^|\/)extension\.js$/.test(file) && !/(^|\/)web\//.test(file),
  );
  const heavy = Object.keys(out?.[1].inputs ?? {}).filter((i) =>
    /node_modules\/(markdown-it|katex|@vscode\/markdown-it-katex|highlight\.js)\//.test(i),
  );
  if (heavy.length)
    throw new Error(
      `dist/extension.js must not contain the renderer's modules (import core through src/core/activation.ts): ${heavy.slice(0, 5).join(', ')}`,
    );
}

/**
 * Pieces the Node bundles load on first use, each from a file of its own (dist/lazy-<name>.js, beside the
 * bundles, so the same relative path works from every bundle and from another piece), so that neither
 * activation nor the size of dist/extension.js pays for them (issue 15). The importer (a path under src/) keeps a
 * plain `require()` inside a function (unbundled, in unit tests, it loads the module itself); here a require of
 * `request` from `importer` becomes `require('./lazy-<name>.js')`, and `entry` is built as that file. A static
 * import of one is a build error: it would load the piece at activation. A piece is a bundle of its own: a
 * module it shares with the extension bundle is a second copy, so a piece takes what has state (the log, `ui`,
 * event emitters) as arguments rather than importing it.
 */
const core = (...p) => path.join(root, 'src', 'core', ...p);
/** A piece whose entry is the TypeScript file `importer` requires as `request` (a relative path). */
const fromSource = (importer, request) => ({
  request: new RegExp(`^${request.replace(/[.\\/]/g, '\\$&')}$`),
  importer,
  entry: path.join(root, 'src', path.dirname(importer), `${request}.ts`),
});
const LAZY = {
  // The shipped glossary parsed and term-indexed at build time (glossary/builtin.ts).
  'glossary-data': {
    request: /^\.\/builtinData$/,
    importer: 'core/glossary/builtin.ts',
    entry: 'virtual:lazy-glossary-data',
  },
  // The YAML parser, for lesson front matter (course/frontMatter.ts).
  yaml: { request: /^yaml$/, importer: 'core/course/frontMatter.ts', entry: require.resolve('yaml') },
  // The Vietnamese frequency table, for encoding repair (text/viFrequencies.ts).
  'vi-frequencies': {
    request: /^\.\/vi-frequencies\.json$/,
    importer: 'core/text/viFrequencies.ts',
    entry: 'virtual:lazy-vi-frequencies',
  },
  // FSRS, on the first grade or interval preview of a review card (review/schedule.ts; due counts need none).
  'ts-fsrs': { request: /^ts-fsrs$/, importer: 'core/review/schedule.ts', entry: require.resolve('ts-fsrs') },
  // What src/core/lazy.ts calls on first use: encoding repair, the glossary file parser (user files only: the
  // shipped glossary comes compiled), snippet and regression runs, the Python export of a run, and the heavy
  // parts of annotations: anchoring, a lesson's plain text, and the exported page.
  mojibake: fromSource('core/lazy.ts', './text/mojibake'),
  'glossary-parse': fromSource('core/lazy.ts', './glossary/parse'),
  'snippet-jobs': fromSource('core/lazy.ts', './snippets/jobs'),
  'snippet-python': fromSource('core/lazy.ts', './snippets/python'),
  'annotations-anchor': fromSource('core/lazy.ts', './annotations/anchor'),
  'annotations-plain-text': fromSource('core/lazy.ts', './annotations/plainText'),
  'annotations-export': fromSource('core/lazy.ts', './annotations/exportHtml'),
  // Feature bodies behind thin shells in their register.ts: the snippets feature's panel, runner and runs (the
  // first Run, CodeLens click or results page revive); the glossary entry page and the glossary commands; Export
  // Lesson with Notes… and Copy Notes as Markdown; Move Notes into Workspace; the review page (Review Terms).
  snippets: fromSource('features/snippets/register.ts', './body'),
  'glossary-entry': fromSource('features/glossary/register.ts', './entryBody'),
  'annotations-export-view': fromSource('features/annotations/viewCommands.ts', './export'),
  'annotations-move': fromSource('features/annotations/commands.ts', './moveNotes'),
  // The annotations feature's controller, notes editor and annotate: the reader's first shown lesson or page
  // message, or the first command that needs them (the store stays eager: the lessons tree's counts).
  'annotations-body': fromSource('features/annotations/register.ts', './body'),
  'review-panel': fromSource('features/review/register.ts', './reviewPanel'),
  // The lesson reader (panel, renders, page builders, page messages, the page's questions, the snippet catalogue for
  // its Run buttons): the first show, panel revive, lesson link or annotation reveal.
  'lessons-reader': fromSource('features/lessons/register.ts', './readerBody'),
  // The lesson commands' bodies, with the pickers (Open Lesson…, Search Lessons…) and Repair File Encoding.
  'lessons-commands': fromSource('features/lessons/register.ts', './commands'),
  // The render service the reader and the glossary entry page share (made on the first of them), with its worker
  // runner.
  'render-service': fromSource('features/shared/render/sharedRenderService.ts', './renderService'),
};

/**
 * One `vscode` namespace for the whole bundle. Each `import * as vscode from 'vscode'` of an external module
 * otherwise becomes its own `__toESM(require('vscode'))`, which copies every name of the API onto a new object
 * at require time (43 copies in dist/extension.js); here all files import one ESM module that re-exports it once.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'one-vscode'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'one-vscode' },
    );
    build.onLoad({ filter: /.*/, namespace: 'one-vscode' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

/**
 * jsonc-parser's modules build their tables when loaded, so esbuild keeps them wherever a module importing the package
 * is reached (core/glossary/parse.ts is, for MAX_GLOSSARY_CHARS) although only the lazily loaded parser calls it.
 * They have no effect beyond their exports: marked so, the extension bundle keeps none of it. Likewise the snippet
 * catalogue (core/snippets/catalogue.ts, with lessons/snippets.json), which checks the catalogue when loaded and is
 * re-exported by core/activation.ts: only lazily loaded pieces (the reader's Run buttons, the snippets feature) use
 * it, and each of them still loads and checks it.
 */
const sideEffectFreePackages = {
  name: 'side-effect-free-packages',
  setup(build) {
    build.onResolve({ filter: /^(jsonc-parser|\.\/catalogue)$/ }, async (args) => {
      if (args.path === './catalogue' && !args.importer.startsWith(core('snippets') + path.sep)) return undefined;
      if (args.pluginData?.sideEffectFree) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { sideEffectFree: true },
      });
      return resolved.errors.length ? undefined : { ...resolved, sideEffects: false };
    });
  },
};

/**
 * JSON files the Node bundles import (the snippet catalogue) as `JSON.parse` of one string, which V8 reads faster
 * than the object literal esbuild's json loader writes; the value is the same.
 */
const jsonAsString = {
  name: 'json-as-string',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => ({
      contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(fs.readFileSync(args.path, 'utf8'))))});\n`,
      loader: 'js',
    }));
  },
};

/** The shipped glossary compiled by core's own compileGlossary (TypeScript, run through esbuild-register). */
function compiledBuiltinGlossary() {
  const { unregister } = require('esbuild-register/dist/node').register({ target: 'node20' });
  try {
    // Fresh modules on every build, so watch mode follows changes to the compiler too.
    const coreDir = path.join(root, 'src', 'core') + path.sep;
    for (const k of Object.keys(require.cache)) if (k.startsWith(coreDir)) delete require.cache[k];
    const { compileGlossary } = require('./src/core/glossary/compile.ts');
    const { BUILTIN_GLOSSARY_SOURCE } = require('./src/core/glossary/compiled.ts');
    // Re-serialised, as builtinData.ts does, so problem positions agree with the unbundled source form.
    const text = JSON.stringify(JSON.parse(fs.readFileSync(defaultGlossaryPath, 'utf8')));
    return compileGlossary(text, BUILTIN_GLOSSARY_SOURCE);
  } finally {
    unregister();
  }
}

/** A module whose `exportName()` parses `data` once: JSON.parse of a string beats a 200 KB object literal. */
function jsonModule(exportName, data) {
  return `let data;\nexports.${exportName} = () => (data ??= JSON.parse(${JSON.stringify(JSON.stringify(data))}));\n`;
}

const lazyPieces = {
  name: 'lazy-pieces',
  setup(build) {
    for (const [name, { request, importer }] of Object.entries(LAZY)) {
      build.onResolve({ filter: request }, (args) => {
        if (args.kind === 'entry-point' || !args.importer.endsWith(path.join('src', importer))) return undefined;
        if (args.kind !== 'require-call')
          return {
            errors: [{ text: `${args.path} is loaded lazily (dist/lazy-${name}.js): require() it inside a function` }],
          };
        return { path: `./lazy-${name}.js`, external: true };
      });
    }
    build.onResolve({ filter: /^virtual:lazy-/ }, (args) => ({ path: args.path, namespace: 'lazy-pieces' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-pieces' }, (args) => loadLazyVirtual(args.path));
  },
};

/** The modules of LAZY's `virtual:` entries. */
function loadLazyVirtual(name) {
  if (name === 'virtual:lazy-glossary-data')
    return {
      contents: jsonModule('builtinGlossaryData', compiledBuiltinGlossary()),
      loader: 'js',
      watchFiles: [
        defaultGlossaryPath,
        ...['compile', 'compiled', 'parse', 'termIndex', 'types'].map((f) => core('glossary', `${f}.ts`)),
      ],
    };
  const table = core('text', 'vi-frequencies.json');
  // The table itself as module.exports, as require('./vi-frequencies.json') gives it unbundled.
  return {
    contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(fs.readFileSync(table, 'utf8'))))});\n`,
    loader: 'js',
    watchFiles: [table],
  };
}

/**
 * The web bundle's twins of Node-only modules (src/features/shared/platform/): an import of `./x.node` becomes
 * `./x.web` (the folder's types.ts says why, check.ts keeps the two alike). A `.node` import with no twin is an
 * error, so the web bundle never carries a Node module by accident.
 */
const webTwins = (...dirs) => ({
  name: 'platform-modules',
  setup(build) {
    const under = dirs.map((d) => path.join(root, d) + path.sep);
    build.onResolve({ filter: /\.node$/ }, (args) => {
      if (args.kind === 'entry-point' || !under.some((d) => args.importer.startsWith(d))) return undefined;
      const web = path.join(args.resolveDir, `${args.path.slice(0, -'.node'.length)}.web.ts`);
      if (!fs.existsSync(web))
        return { errors: [{ text: `${args.path} has no web twin (${path.relative(root, web)})` }] };
      return { path: web };
    });
  },
});
const platformModules = webTwins('src');

/**
 * The web bundle is one file (a web extension loads no other script): the lazy pieces are inside it, their modules
 * still initialised on first require(). Only the pieces esbuild.js makes itself (the compiled glossary) need
 * pointing at; the others are source files, bundled where they are required.
 */
const lazyInline = {
  name: 'lazy-inline',
  setup(build) {
    for (const { request, importer, entry } of Object.values(LAZY)) {
      if (!entry.startsWith('virtual:')) continue;
      build.onResolve({ filter: request }, (args) =>
        args.importer.endsWith(path.join('src', importer)) ? { path: entry, namespace: 'lazy-pieces' } : undefined,
      );
    }
    build.onLoad({ filter: /.*/, namespace: 'lazy-pieces' }, (args) => loadLazyVirtual(args.path));
  },
};

/** The worker scripts of the web bundle, built for the browser and served as `virtual:web-worker-sources`. */
function webWorkerSources(prod) {
  return {
    name: 'web-worker-sources',
    setup(build) {
      build.onResolve({ filter: /^virtual:web-worker-sources$/ }, (args) => ({
        path: args.path,
        namespace: 'web-workers',
      }));
      build.onLoad({ filter: /.*/, namespace: 'web-workers' }, async () => {
        const result = await esbuild.build({
          ...webCommonOptions(prod),
          entryPoints: {
            render: path.join(root, 'src', 'features', 'shared', 'render', 'renderWorker.ts'),
            snippet: path.join(root, 'src', 'features', 'snippets', 'worker.ts'),
          },
          outdir: path.join(root, 'dist', 'web'),
          format: 'iife',
          write: false,
          metafile: true,
        });
        for (const f of result.outputFiles) checkWebOutput(f.path, f.text);
        const sources = Object.fromEntries(result.outputFiles.map((f) => [path.basename(f.path, '.js'), f.text]));
        return {
          contents: `export const workerSources = ${JSON.stringify(sources)};\n`,
          loader: 'js',
          watchFiles: Object.keys(result.metafile.inputs)
            .filter((i) => !i.includes(':'))
            .map((i) => path.join(root, i)),
        };
      });
    },
  };
}

/**
 * sax (the SVG allowlist's parser) requires Node's `stream` inside a try, for a SAXStream nothing here uses; esbuild
 * leaves such a require in place. On the web it becomes an empty module, and checkWebOutput refuses any other.
 */
const webEmptyModules = {
  name: 'web-empty-modules',
  setup(build) {
    build.onResolve({ filter: /^stream$/ }, (args) =>
      /node_modules[\\/]sax[\\/]/.test(args.importer) ? { path: 'stream', namespace: 'web-empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'web-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** Fails the build when a web output still requires anything but 'vscode' (a Node built-in left behind a try). */
function checkWebOutput(file, text) {
  const left = [...new Set([...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))].filter(
    (name) => name !== 'vscode',
  );
  if (left.length)
    throw new Error(
      `${path.relative(root, file)} must load nothing but 'vscode' on the web: it requires ${left.join(', ')}`,
    );
}

/**
 * `virtual:shipped-files`: the names in the extension's own folders that the code lists (platform/shippedFiles.web.ts
 * falls back on them where a folder cannot be listed: an extension served over https on vscode.dev).
 */
const katexFonts = () => path.join(path.dirname(require.resolve('katex/package.json')), 'dist', 'fonts');
// Each listed folder, where its files come from (media/katex/fonts is copied from KaTeX's package by the build,
// so the index reads the source: unit tests build the index before any build has made the copy).
const SHIPPED_FOLDERS = {
  'lessons/en': { from: () => path.join(root, 'lessons', 'en'), ext: '.md' },
  'lessons/vi': { from: () => path.join(root, 'lessons', 'vi'), ext: '.md' },
  'media/katex/fonts': { from: katexFonts, ext: '.woff2' },
};
const shippedFileIndex = {
  name: 'shipped-file-index',
  setup(build) {
    build.onResolve({ filter: /^virtual:shipped-files$/ }, (args) => ({ path: args.path, namespace: 'shipped-files' }));
    build.onLoad({ filter: /.*/, namespace: 'shipped-files' }, () => {
      const index = Object.fromEntries(
        Object.entries(SHIPPED_FOLDERS).map(([dir, { from, ext }]) => [
          dir,
          fs
            .readdirSync(from())
            .filter((n) => n.endsWith(ext))
            .sort(),
        ]),
      );
      return {
        contents: `export const shippedFiles = ${JSON.stringify(index)};\n`,
        loader: 'js',
        watchDirs: Object.values(SHIPPED_FOLDERS).map(({ from }) => from()),
      };
    });
  },
};

/** What the web bundle and its worker scripts share: the browser, no Node built-ins, the same plugins. */
function webCommonOptions(prod) {
  return {
    bundle: true,
    minify: prod,
    sourcemap: false,
    logLevel: 'warning',
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    plugins: [
      problemReporter,
      platformModules,
      webEmptyModules,
      sideEffectFreePackages,
      jsonAsString,
      lazyInline,
      glossaryFormulasPlugin(defaultGlossaryPath),
    ],
  };
}

/**
 * The web extension (package.json `browser`), for VS Code's web worker extension host (vscode.dev, github.dev):
 * dist/web/extension.js, CommonJS as that host loads it, with its workers inside as source text. platform
 * 'browser' makes any Node built-in a build error.
 */
function webBuildOptions({ production: prod = production, outdir = path.join(root, 'dist', 'web') } = {}) {
  const common = webCommonOptions(prod);
  return {
    ...common,
    entryPoints: { extension: path.join(root, 'src', 'extension.ts') },
    outdir,
    format: 'cjs',
    external: ['vscode'],
    metafile: true,
    plugins: [oneVscodeNamespace, ...common.plugins, webWorkerSources(prod), shippedFileIndex],
  };
}

/**
 * Options of the Node bundles (extension, renderer, formulas, workers) for `outdir`: shared by the build
 * below and by bench/startup.bench.ts, which builds the production set into a temporary folder.
 */
function nodeBuildOptions({ production: prod = production, outdir = path.join(root, 'dist') } = {}) {
  return {
    bundle: true,
    minify: prod,
    sourcemap: !prod,
    sourcesContent: false,
    logLevel: 'warning',
    entryPoints: {
      extension: path.join(root, 'src', 'extension.ts'),
      renderer: path.join(root, 'src', 'renderer.ts'),
      // Pre-rendered glossary formula SVGs (~440 KB), required on the first hover that shows a formula.
      'glossary-formulas': 'virtual:glossary-formulas',
      // Long snippet runs (worker_threads), so the extension host never waits on them.
      'snippet-worker': path.join(root, 'src', 'features', 'snippets', 'worker.ts'),
      // Big lessons render here (it loads dist/renderer.js), so the extension host never stalls on them.
      'render-worker': path.join(root, 'src', 'features', 'shared', 'render', 'renderWorker.ts'),
      ...Object.fromEntries(Object.entries(LAZY).map(([name, { entry }]) => [`lazy-${name}`, entry])),
    },
    outdir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    // ESM builds first for packages without `exports` (VS Code's bundling guide does the same):
    // jsonc-parser's `main` is a UMD file whose inner require('./impl/format') esbuild cannot follow.
    mainFields: ['module', 'main'],
    metafile: true,
    plugins: [
      problemReporter,
      oneVscodeNamespace,
      sideEffectFreePackages,
      jsonAsString,
      lazyPieces,
      glossaryFormulasPlugin(defaultGlossaryPath),
    ],
  };
}

async function main() {
  copyKatexAssets();
  const common = {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [problemReporter],
  };
  const contexts = [await esbuild.context(nodeBuildOptions()), await esbuild.context(webBuildOptions())];
  const web = webviewEntries();
  if (web.length) {
    contexts.push(
      await esbuild.context({
        ...common,
        entryPoints: web,
        outdir: path.join(root, 'media'),
        format: 'iife',
        platform: 'browser',
        target: 'chrome120',
        sourcemap: false,
      }),
    );
  }
  if (!production) {
    // Start clean: a bundle left from a deleted or renamed test would otherwise still run.
    fs.rmSync(path.join(root, 'dist', 'test'), { recursive: true, force: true });
    const tests = integrationEntries();
    if (tests.length) {
      contexts.push(
        await esbuild.context({
          ...common,
          entryPoints: tests,
          outbase: path.join(root, 'test', 'integration'),
          outdir: path.join(root, 'dist', 'test', 'integration'),
          format: 'cjs',
          platform: 'node',
          mainFields: ['module', 'main'],
          target: 'node20',
          external: ['vscode', 'mocha'],
          bundle: true,
        }),
      );
    }
  }
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  for (const c of contexts) {
    const result = await c.rebuild();
    checkRendererOnly(result.metafile);
    for (const file of Object.keys(result.metafile?.outputs ?? {}).filter((f) => /(^|\/)web\/.*\.js$/.test(f)))
      checkWebOutput(file, fs.readFileSync(path.join(root, file), 'utf8'));
    if (result.metafile && process.argv.includes('--meta')) {
      fs.writeFileSync(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
    }
    await c.dispose();
  }
}

module.exports = {
  nodeBuildOptions,
  webBuildOptions,
  webCommonOptions,
  webWorkerSources,
  shippedFileIndex,
  webTwins,
  checkRendererOnly,
  checkWebOutput,
  LAZY,
};

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

// Builds the web journeys (test/web) into a test-only *web* extension and packages it as a .vsix, for
// `node test/host/run.mjs --web`: installed beside the web-only product .vsix, it runs in VS Code's web worker
// extension host, where neither extensionTestsPath nor Node's fs reach (see test/host/web-tests-extension/extension.js).
// One bundle, dist/extension.js: the entry, test/web/index.ts, mocha's browser build and every test/web/**/*.test.ts.
// esbuild's platform 'browser' has no Node built-ins, and the plugin below turns an import of one (fs, path,
// assert, node:…) into a build error naming the importer: nothing Node-only may reach web code (issue 20).
// Staged in a folder the caller gives (run.mjs: a temporary one per run, so two runs at once do not share it).
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import esbuild from 'esbuild';
import { packageStage } from './tests-extension.mjs';

// The tests' own Node/web twins (test/**/x.node.ts and x.web.ts), swapped as esbuild.js swaps the product's.
const { webTwins } = createRequire(import.meta.url)('../../esbuild.js');

export const WEB_TESTS_EXTENSION_NAME = 'interp-lessons-web-tests';
/** The module the entry requires for "every journey": a generated list of requires, one per test file. */
const ALL_TESTS = 'interp-web-tests:all';

/** Fails the build on any Node built-in, with a message that says why (esbuild's own points at platform 'node'). */
const noNodeBuiltins = (root) => ({
  name: 'no-node-builtins',
  setup(build) {
    const names = builtinModules
      .filter((m) => !m.startsWith('_'))
      .map((m) => m.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&'));
    const filter = new RegExp(`^(node:.*|(${names.join('|')})(/.*)?)$`);
    build.onResolve({ filter }, (args) => ({
      errors: [
        {
          text: `"${args.path}" is a Node built-in, imported by ${path.relative(root, args.importer)}: the web worker extension host has none (test/web and what it imports must run in a browser worker)`,
        },
      ],
    }));
  },
});

/** The generated ALL_TESTS module: requires each journey, so mocha's describe() runs after mocha.setup(). */
const journeys = (root, tests) => ({
  name: 'web-journeys',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${ALL_TESTS}$`) }, () => ({ path: ALL_TESTS, namespace: 'web-journeys' }));
    build.onLoad({ filter: /.*/, namespace: 'web-journeys' }, () => ({
      contents: tests.map((t) => `require(${JSON.stringify(t)});`).join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
});

/**
 * Packages the test-only web extension into `dir`: returns the .vsix (`<dir>/interp-lessons-web-tests.vsix`) and
 * the bundle's source map (for webStackMapper in web-mode.mjs).
 */
export async function packageWebTestsExtension(root, dir) {
  const stage = path.join(dir, 'web-tests-extension');
  const dist = path.join(stage, 'dist');
  const out = path.join(dir, `${WEB_TESTS_EXTENSION_NAME}.vsix`);
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(dist, { recursive: true });
  const testsDir = path.join(root, 'test', 'web');
  const tests = fs
    .readdirSync(testsDir, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(testsDir, f));
  try {
    await esbuild.build({
      entryPoints: { extension: path.join(root, 'test', 'host', 'web-tests-extension', 'extension.js') },
      outdir: dist,
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      target: 'es2022',
      external: ['vscode'],
      // No fs to read fixtures with in a web worker: a journey imports a Markdown or CSV fixture as its text.
      loader: { '.md': 'text', '.csv': 'text' },
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [webTwins('test'), noNodeBuiltins(root), journeys(root, tests)],
    });
  } catch (e) {
    const messages = await esbuild.formatMessages(e.errors ?? [], { kind: 'error', color: false });
    throw new Error(`the web tests build failed:\n${messages.join('\n') || e.message}`, { cause: e });
  }
  const product = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const manifest = {
    name: WEB_TESTS_EXTENSION_NAME,
    displayName: 'Interp Lessons web journeys (test-only)',
    description: 'Runs test/web inside the web worker extension host and writes the result for test/host/run.mjs.',
    publisher: product.publisher,
    version: '0.0.0',
    license: 'UNLICENSED',
    engines: { vscode: product.engines.vscode },
    // `browser` and no `main`: VS Code runs it in the web worker extension host, beside the web-only product.
    browser: './dist/extension.js',
    activationEvents: ['onStartupFinished'],
    capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true },
  };
  return { vsix: packageStage(root, stage, manifest, out), sourceMap: path.join(dist, 'extension.js.map') };
}

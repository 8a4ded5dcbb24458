// The web extension (issue 20): dist/web/extension.js and its worker scripts are built for the browser, carry
// nothing Node-only, and run where only a web worker's globals exist. The real web worker extension host runs the
// journeys (test/web); this checks the bundles themselves, fast, in Node's vm with a browser-like global scope.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as esbuild from 'esbuild';
import { renderJobOf } from './helpers/renderJob';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../../esbuild.js') as {
  webBuildOptions(o: { production: boolean; outdir: string }): esbuild.BuildOptions;
  webCommonOptions(production: boolean): esbuild.BuildOptions;
  webWorkerSources(production: boolean): esbuild.Plugin;
  shippedFileIndex: esbuild.Plugin;
  checkWebOutput(file: string, text: string): void;
};

/** A dedicated Web Worker's globals that Node also has; no process, Buffer, require, global or setImmediate. */
function webGlobals(): Record<string, unknown> {
  const { TextEncoder, TextDecoder, URL, performance, crypto, setTimeout, clearTimeout, btoa, atob, console } =
    globalThis as unknown as Record<string, unknown>;
  return { TextEncoder, TextDecoder, URL, performance, crypto, setTimeout, clearTimeout, btoa, atob, console };
}

/** Runs a worker script with a fake `self`; resolves with the first message that is not progress. */
function runWorker(source: string, input: unknown, reply?: (m: { type: string }) => unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let onMessage: ((e: { data: unknown }) => void) | undefined;
    const scope = vm.createContext({
      ...webGlobals(),
      addEventListener: (type: string, fn: (e: { data: unknown }) => void) => {
        if (type === 'message') onMessage = fn;
      },
      postMessage: (m: { type: string }) => {
        if (m.type === 'progress') return;
        const next = reply?.(m);
        if (next === undefined) resolve(m);
        else setTimeout(() => onMessage?.({ data: next }), 0);
      },
    });
    vm.runInContext('self = globalThis;', scope);
    try {
      vm.runInContext(source, scope);
    } catch (e) {
      reject(e);
      return;
    }
    assert.ok(onMessage, 'the worker listens for messages on its global scope');
    onMessage({ data: input });
  });
}

describe('web bundle (issue 20)', function () {
  this.timeout(120_000);
  let dir: string;
  let sources: Record<string, string>;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'il-web-'));
    await esbuild.build(build.webBuildOptions({ production: true, outdir: dir }));
    const out = await esbuild.build({
      entryPoints: ['virtual:web-worker-sources'],
      bundle: true,
      write: false,
      format: 'cjs',
      logLevel: 'silent',
      plugins: [build.webWorkerSources(true)],
    });
    const mod = { exports: {} as { workerSources: Record<string, string> } };
    new Function('module', 'exports', out.outputFiles[0].text)(mod, mod.exports);
    sources = mod.exports.workerSources;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads with a web worker's globals and requires nothing but 'vscode'", () => {
    // The module's top level only (activation needs the real host): every name of the API (from @types/vscode),
    // each a stand-in any property, call or `new` of which works.
    const anything: unknown = new Proxy(function () {}, {
      get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : anything),
      apply: () => anything,
      construct: () => anything as object,
    });
    const api = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
    const vscodeNames = [...api.matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map(
      (m) => m[1],
    );
    const vscodeStub = Object.fromEntries(vscodeNames.map((n) => [n, anything]));
    const text = fs.readFileSync(path.join(dir, 'extension.js'), 'utf8');
    const asked: string[] = [];
    const module = { exports: {} as Record<string, unknown> };
    const scope = vm.createContext({
      ...webGlobals(),
      module,
      exports: module.exports,
      require: (name: string) => {
        asked.push(name);
        if (name === 'vscode') return vscodeStub;
        throw new Error(`Cannot load module '${name}'`);
      },
    });
    vm.runInContext(text, scope);
    assert.deepStrictEqual(asked, ['vscode']);
    assert.strictEqual(typeof module.exports.activate, 'function');
    assert.strictEqual(typeof module.exports.deactivate, 'function');
    assert.doesNotMatch(text, /worker_threads|require\("fs"\)|__dirname/);
  });

  it('renders a lesson with math in the render worker, from its source text alone', async () => {
    const job = renderJobOf('# A\n\nEnergy $E = mc^2$ and [next](02-b.md).\n');
    const parts: string[] = [];
    let total = 0;
    const done = (await runWorker(sources.render, { type: 'render', job }, (m) => {
      const msg = m as { type: string; parts?: number; index?: number; html?: string };
      if (msg.type === 'done' && msg.parts) {
        total = msg.parts;
        return { type: 'part', index: 0 };
      }
      if (msg.type === 'part') {
        parts.push(msg.html ?? '');
        return msg.index! + 1 < total ? { type: 'part', index: msg.index! + 1 } : undefined;
      }
      return undefined;
    })) as { type: string };
    assert.notStrictEqual(done.type, 'error', JSON.stringify(done));
    const html = parts.join('');
    assert.match(html, /class="katex"/);
    assert.match(html, /href="02-b\.md"[^>]*data-il-link="lesson"/);
  });

  it('runs a regression in the snippet worker, from its source text alone', async () => {
    const done = (await runWorker(sources.snippet, {
      kind: 'regression',
      text: 'y ~ x\nx, y\n1, 2.1\n2, 3.9\n3, 6.2\n4, 7.8',
      lineOffset: 0,
    })) as { type: string; outcome: { ok?: boolean } & Record<string, unknown> };
    assert.strictEqual(done.type, 'done');
    assert.match(JSON.stringify(done.outcome), /"slope"|"coefficients"|"r2"/i);
  });

  it("lists the extension's own folders from the build's index where a folder cannot be listed (vscode.dev)", async () => {
    const out = await esbuild.build({
      entryPoints: [path.join(__dirname, '..', '..', 'src', 'features', 'shared', 'platform', 'shippedFiles.web.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
      plugins: [build.shippedFileIndex],
    });
    const refused = new Error('NotSupported: readdir over https');
    const vscodeStub = {
      FileType: { File: 1 },
      workspace: { fs: { readDirectory: () => Promise.reject(refused) } },
    };
    const mod = { exports: {} as { readShippedDirectory(dir: { path: string }): Promise<[string, number][]> } };
    new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, () => vscodeStub);
    const listed = await mod.exports.readShippedDirectory({ path: '/ext/interp-lessons-0.1.0/lessons/en/' });
    const onDisk = fs.readdirSync(path.join(__dirname, '..', '..', 'lessons', 'en')).filter((n) => n.endsWith('.md'));
    assert.deepStrictEqual(
      listed,
      onDisk.sort().map((n) => [n, 1]),
    );
    const fonts = await mod.exports.readShippedDirectory({ path: '/ext/media/katex/fonts' });
    assert.ok(fonts.length >= 20 && fonts.every(([n]) => n.endsWith('.woff2')));
    await assert.rejects(mod.exports.readShippedDirectory({ path: '/ext/somewhere/else' }), refused);
  });

  it('refuses Node: an import of a Node built-in fails the build, a require left behind a try fails the check', async () => {
    const entry = path.join(dir, 'uses-fs.ts');
    fs.writeFileSync(entry, "import * as fs from 'fs';\nexport const read = fs.readFileSync;\n");
    const options = build.webCommonOptions(true);
    await assert.rejects(
      esbuild.build({
        ...options,
        plugins: options.plugins?.filter((p) => p.name !== 'problem-reporter'),
        entryPoints: [entry],
        write: false,
        logLevel: 'silent',
      }),
      /"fs"/,
    );
    assert.throws(() => build.checkWebOutput('x.js', 'try { require("stream") } catch {}'), /requires stream/);
    assert.doesNotThrow(() => build.checkWebOutput('x.js', 'require("vscode")'));
  });
});

// The web worker host run's pieces that need no VS Code (test/host/web-mode.mjs, page-driver.mjs): the web-only
// copy of the .vsix, the figures copied out of the workspace, stack frames mapped back to sources, and the
// screenshot path check.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import { createRequire } from 'module';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const vsceRequire = createRequire(path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'package.json'));

interface WebMode {
  WEB_CHANNEL: string;
  webOnlyVsix(root: string, vsix: string, out: string): Promise<{ out: string; browser: string }>;
  useWebChannel(box: Record<string, string>, o: { grep?: string }): void;
  copyWebFigures(box: Record<string, string>, dest: string): string[];
  webStackMapper(root: string, mapFile: string): (text: string) => string;
}
const webMode = () => import(path.join(ROOT, 'test/host/web-mode.mjs')) as Promise<WebMode>;

/** The entries of a zip file, by name. */
async function unzip(file: string): Promise<Map<string, Buffer>> {
  const yauzl = vsceRequire('yauzl');
  const out = new Map<string, Buffer>();
  const zip = await new Promise<{
    on(e: string, f: (...a: never[]) => void): void;
    readEntry(): void;
    openReadStream(e: unknown, f: (err: Error | null, s: NodeJS.ReadableStream) => void): void;
  }>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (e: Error | null, z: never) => (e ? reject(e) : resolve(z))),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.on('entry', (entry: { fileName: string }) =>
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      }),
    );
    zip.readEntry();
  });
  return out;
}

async function zipOf(file: string, entries: Record<string, string>): Promise<void> {
  const yazl = vsceRequire('yazl');
  const z = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) z.addBuffer(Buffer.from(text), name);
  z.end();
  await new Promise<void>((resolve, reject) =>
    z.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject),
  );
}

describe('Web host runner', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-web-runner-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('makes the web-only .vsix: main removed from the manifest, every other entry unchanged', async () => {
    const manifest = { name: 'x', main: './dist/extension.js', browser: './dist/web/extension.js', version: '1.0.0' };
    const entries = {
      'extension.vsixmanifest': '<PackageManifest/>',
      'extension/package.json': JSON.stringify(manifest),
      'extension/dist/web/extension.js': 'exports.activate = () => {};',
      'extension/media/ü.css': 'body{}',
    };
    await zipOf(path.join(tmp, 'in.vsix'), entries);
    const { browser } = await (
      await webMode()
    ).webOnlyVsix(ROOT, path.join(tmp, 'in.vsix'), path.join(tmp, 'out.vsix'));
    assert.strictEqual(browser, './dist/web/extension.js');
    const out = await unzip(path.join(tmp, 'out.vsix'));
    assert.deepStrictEqual([...out.keys()].sort(), Object.keys(entries).sort());
    const { main: _main, ...rest } = manifest;
    assert.deepStrictEqual(JSON.parse(out.get('extension/package.json')!.toString('utf8')), rest);
    for (const name of Object.keys(entries).filter((n) => n !== 'extension/package.json'))
      assert.strictEqual(out.get(name)!.toString('utf8'), entries[name as keyof typeof entries], name);
  });

  it('refuses a .vsix whose manifest has no browser entry (nothing would run in the web worker host)', async () => {
    await zipOf(path.join(tmp, 'node.vsix'), { 'extension/package.json': JSON.stringify({ main: './a.js' }) });
    await assert.rejects(
      (await webMode()).webOnlyVsix(ROOT, path.join(tmp, 'node.vsix'), path.join(tmp, 'out.vsix')),
      /no "browser" entry/,
    );
  });

  it('writes the options into the workspace channel and copies only the figures out of it, under their own name', async () => {
    const { useWebChannel, copyWebFigures, WEB_CHANNEL } = await webMode();
    const box: Record<string, string> = { workspace: path.join(tmp, 'ws') };
    useWebChannel(box, { grep: 'Web journeys' });
    assert.strictEqual(box.page, path.join(tmp, 'ws', WEB_CHANNEL, 'page'));
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(box.webChannel, 'options.json'), 'utf8')), {
      grep: 'Web journeys',
    });
    fs.writeFileSync(path.join(box.webChannel, 'host-budgets-web.figures.json'), '{"a":1}');
    fs.writeFileSync(path.join(box.webChannel, 'result.json'), '{}');
    const copied = copyWebFigures(box, path.join(tmp, 'dest'));
    assert.deepStrictEqual(copied, [path.join(tmp, 'dest', 'host-budgets-web.json')]);
    assert.deepStrictEqual(fs.readdirSync(path.join(tmp, 'dest')), ['host-budgets-web.json']);
  });

  it('maps the bundled stack frames back to the sources (the host adds two header lines), and leaves others', async () => {
    const src = path.join(tmp, 'journey.ts');
    fs.writeFileSync(
      src,
      "const a: number = 1;\n\nexport function boom(): never {\n  throw new Error('boom' + a);\n}\n",
    );
    const dist = path.join(tmp, 'extensions', 'interp-lessons.interp-lessons-web-tests-0.0.0', 'dist');
    await esbuild.build({
      entryPoints: [src],
      bundle: true,
      format: 'cjs',
      outfile: path.join(dist, 'extension.js'),
      sourcemap: true,
    });
    const lines = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('throw new Error'));
    const column = lines[line].indexOf('throw');
    const url = `vscode-remote://127.0.0.1:1/${dist}/extension.js#vscode-extension`;
    const stack = `Error: boom1\n    at boom (${url}:${line + 1 + 2}:${column + 1})\n    at other (vscode-remote://127.0.0.1:1/x/product.js:1:1)`;
    const mapped = (await webMode()).webStackMapper(tmp, path.join(dist, 'extension.js.map'))(stack);
    assert.strictEqual(
      mapped,
      'Error: boom1\n    at boom (journey.ts:4:3)\n    at other (vscode-remote://127.0.0.1:1/x/product.js:1:1)',
    );
  });

  it('takes screenshots only as .png files under docs/', async () => {
    const { docsScreenshotPath } = (await import(path.join(ROOT, 'test/host/page-driver.mjs'))) as {
      docsScreenshotPath(root: string, file: unknown): string | undefined;
    };
    assert.strictEqual(docsScreenshotPath(ROOT, 'docs/images/web.png'), path.join(ROOT, 'docs/images/web.png'));
    for (const bad of ['../web.png', 'docs/../README.png', 'docs/images/web.svg', '/tmp/web.png', 'docs', undefined])
      assert.strictEqual(docsScreenshotPath(ROOT, bad), undefined, String(bad));
  });
});

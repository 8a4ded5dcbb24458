// `node test/host/run.mjs --web`: the parts of the web worker extension host run that run.mjs does not share
// with the other modes. The product goes in as a web-only .vsix (webOnlyVsix) and the journeys (test/web) as a
// test-only web extension (test/host/web-tests-extension.mjs); both run in the web worker extension host, which
// has no environment variables and no Node fs, so runner and suite talk through files in the workspace folder
// (WEB_CHANNEL: see test/web/helpers/channel.ts for the layout), which the suite writes with vscode.workspace.fs.
import fs from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import path from 'node:path';
import { WEB_TESTS_EXTENSION_NAME } from './web-tests-extension.mjs';

export const WEB_CHANNEL = '.interp-web-test';
const FIGURES = '.figures.json';

/**
 * Points the sandbox's result, progress, exit-code and page-driver paths into `<workspace>/.interp-web-test/`, so
 * run.mjs's file route (waitExitFile, readResult, the page driver) reads what the web suite writes, and writes
 * the suite's options (options.json: grep) there before the workbench starts.
 */
export function useWebChannel(box, { grep }) {
  const dir = path.join(box.workspace, WEB_CHANNEL);
  fs.mkdirSync(path.join(dir, 'page'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'options.json'), JSON.stringify({ grep: grep ?? '' }));
  Object.assign(box, {
    webChannel: dir,
    page: path.join(dir, 'page'),
    progress: path.join(dir, 'progress.jsonl'),
    result: path.join(dir, 'result.json'),
    exitFile: path.join(dir, 'exit-code'),
    startedFile: path.join(dir, 'started'),
  });
}

/** Copies the figures the journeys left (writeWorkspaceJson: `<name>.figures.json`) to `<dest>/<name>.json`. */
export function copyWebFigures(box, dest) {
  const names = fs.existsSync(box.webChannel) ? fs.readdirSync(box.webChannel).filter((n) => n.endsWith(FIGURES)) : [];
  if (names.length) fs.mkdirSync(dest, { recursive: true });
  return names.map((n) => {
    const to = path.join(dest, `${n.slice(0, -FIGURES.length)}.json`);
    fs.copyFileSync(path.join(box.webChannel, n), to);
    return to;
  });
}

/**
 * Writes `out`: the product .vsix with `main` taken out of extension/package.json, everything else byte for byte.
 * A manifest with `browser` and no `main` is what VS Code runs in the web worker extension host (a manifest with
 * both runs in the Node one, where a server is). Repackaging, rather than deleting `main` from the installed
 * folder's package.json after --install-extension, because the install also records the manifest (the
 * extensions scan cache in the profile, extensions.json), and what VS Code then reads would depend on its cache
 * rules; a web-only .vsix installs as any user's would. yauzl/yazl are @vscode/vsce's own zip libraries.
 */
export async function webOnlyVsix(root, vsix, out) {
  const vsceRequire = createRequire(path.join(root, 'node_modules', '@vscode', 'vsce', 'package.json'));
  const yauzl = vsceRequire('yauzl');
  const yazl = vsceRequire('yazl');
  const zip = await new Promise((resolve, reject) =>
    yauzl.open(vsix, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const entries = [];
  await new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.push({ name: entry.fileName, data: Buffer.concat(chunks), mtime: entry.getLastModDate() });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
  if (!manifestEntry) throw new Error(`${vsix} has no extension/package.json`);
  const manifest = JSON.parse(manifestEntry.data.toString('utf8'));
  if (!manifest.browser)
    throw new Error(
      `${path.basename(vsix)}'s manifest has no "browser" entry: nothing would run in the web worker extension host`,
    );
  delete manifest.main;
  manifestEntry.data = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const zipOut = new yazl.ZipFile();
  for (const e of entries) zipOut.addBuffer(e.data, e.name, { mtime: e.mtime });
  zipOut.end();
  await new Promise((resolve, reject) => {
    const file = fs.createWriteStream(out);
    file.on('close', resolve);
    file.on('error', reject);
    zipOut.outputStream.on('error', reject).pipe(file);
  });
  return { out, browser: manifest.browser };
}

/**
 * A function that rewrites the test bundle's stack frames (`…/interp-lessons-web-tests-…/dist/extension.js…:L:C`,
 * as the web worker reports them) to the sources they came from (`test/web/host.test.ts:L:C`), through the source
 * map test/host/web-tests-extension.mjs wrote; frames it cannot map stay as they are.
 */
export function webStackMapper(root, mapFile) {
  let map;
  try {
    map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
  } catch {
    return (text) => text;
  }
  const frame = new RegExp(
    `[^\\s(]*${WEB_TESTS_EXTENSION_NAME}[^\\s)]*/dist/extension\\.js[^\\s)]*?:(\\d+):(\\d+)`,
    'g',
  );
  return (text) =>
    text.replace(frame, (whole, line, column) => {
      // The host runs the bundle through `new Function(…)`, whose header is two lines: line 3 is the file's line 1.
      const hit = map.findEntry(Number(line) - 3, Number(column) - 1);
      if (!hit?.originalSource) return whole;
      const source = path.relative(root, path.resolve(path.dirname(mapFile), hit.originalSource));
      return `${source}:${hit.originalLine + 1}:${hit.originalColumn + 1}`;
    });
}

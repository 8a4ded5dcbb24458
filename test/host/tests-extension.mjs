// Builds the integration suite (test/integration) into a test-only extension and packages it as a .vsix,
// for hosts that cannot load it as extensionTestsPath (the oldest one: see tests-extension/extension.js).
// Layout: dist/extension.js (the entry, test/integration/index.ts and mocha in one bundle) and beside it
// dist/*.test.js (each test file bundled with its helpers, as esbuild.js builds dist/test/integration),
// which index.ts finds next to itself. Staged in .test-host/ (ignored, never in the product .vsix).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';

export const TESTS_EXTENSION_NAME = 'interp-lessons-integration-tests';

/** Returns the path of the packaged test-only extension (.test-host/interp-lessons-integration-tests.vsix). */
export async function packageTestsExtension(root) {
  const stage = path.join(root, '.test-host', 'tests-extension');
  const dist = path.join(stage, 'dist');
  const out = path.join(root, '.test-host', `${TESTS_EXTENSION_NAME}.vsix`);
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(dist, { recursive: true });
  const testsDir = path.join(root, 'test', 'integration');
  const tests = fs
    .readdirSync(testsDir, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(testsDir, f));
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'error',
  };
  await esbuild.build({
    ...common,
    entryPoints: tests,
    outbase: testsDir,
    outdir: dist,
    mainFields: ['module', 'main'],
    // The tests find the repository's files (fixtures, lessons, .test-host/) from their own folder, as built by
    // esbuild.js into dist/test/integration; the host runs on this machine, so they get that same folder.
    define: { __dirname: JSON.stringify(path.join(root, 'dist', 'test', 'integration')) },
  });
  await esbuild.build({
    ...common,
    entryPoints: { extension: path.join(root, 'test', 'host', 'tests-extension', 'extension.js') },
    outdir: dist,
  });
  const product = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const manifest = {
    name: TESTS_EXTENSION_NAME,
    displayName: 'Interp Lessons integration tests (test-only)',
    description: 'Runs test/integration inside the extension host and writes the result for test/host/run.mjs.',
    publisher: product.publisher,
    version: '0.0.0',
    license: 'UNLICENSED',
    engines: { vscode: product.engines.vscode },
    main: './dist/extension.js',
    activationEvents: ['onStartupFinished'],
    // It must run in the restricted-mode run too (untrusted workspace).
    capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true },
  };
  return packageStage(root, stage, manifest, out);
}

/**
 * Writes `manifest` (and a README) into the staged extension folder `stage` and packages it with vsce into `out`;
 * shared with the web worker host's test-only extension (test/host/web-tests-extension.mjs).
 */
export function packageStage(root, stage, manifest, out) {
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(stage, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
    { cwd: stage, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`vsce package (${manifest.name}) failed: ${(r.stderr || r.stdout || '').trim()}`);
  return out;
}

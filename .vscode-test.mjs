// @vscode/test-cli (`npx vscode-test`) for contributors with network access: it downloads VS Code
// desktop and runs the same suite as `npm run test:integration` (dist/test/integration/**/*.test.js,
// built by `npm run build`). CI and offline machines use test/host/run.mjs (code-server) instead:
// this runner cannot download VS Code there.
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The same throwaway workspace test/host/run.mjs gives the tests: a copy of test/fixtures/workspace.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-test-workspace-'));
fs.cpSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'test', 'fixtures', 'workspace'), workspace, {
  recursive: true,
});
process.on('exit', () => fs.rmSync(workspace, { recursive: true, force: true }));

export default defineConfig({
  label: 'integration',
  files: 'dist/test/integration/**/*.test.js',
  version: 'stable',
  workspaceFolder: workspace,
  env: { INTERP_TEST_WORKSPACE: workspace },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 60_000, color: true },
});

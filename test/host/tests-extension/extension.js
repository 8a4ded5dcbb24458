// Entry of the test-only extension that carries the integration suite into hosts where the workbench
// cannot be told to run it (code-server 4.96 has no `--vscode-option enable-smoke-test-driver`, so no
// extensionTestsPath). Bundled with test/integration/index.ts and mocha by test/host/tests-extension.mjs
// and installed beside the product .vsix; it activates on onStartupFinished, runs the suite inside the
// extension host and writes the verdict (0 or 1) to INTERP_TEST_EXIT, which test/host/run.mjs waits for.
// After a window reload (test/integration/helpers/reload.ts) it activates again and run() goes on with
// the second phase, as under extensionTestsPath.
const fs = require('fs');
const { run } = require('../../integration/index');
const { readReloadState } = require('../../integration/helpers/reload');

function writeExit(code) {
  if (process.env.INTERP_TEST_EXIT) fs.writeFileSync(process.env.INTERP_TEST_EXIT, String(code));
}

module.exports.activate = function activate() {
  const firstPhase = readReloadState().phase !== 'after';
  // Not awaited: activation must finish for the workbench (and the product extension) to go on.
  setTimeout(() => {
    run().then(
      () => writeExit(0),
      (err) => {
        console.error('[interp-tests-extension] the suite failed:', err);
        // The window reload began (reloadWindow's promise fails as the workbench shuts down): the next
        // extension host reports both phases. Still alive a minute later means the reload did not happen.
        if (firstPhase && readReloadState().phase === 'after') setTimeout(() => writeExit(1), 60_000);
        else writeExit(1);
      },
    );
  }, 0);
};

module.exports.deactivate = function deactivate() {};

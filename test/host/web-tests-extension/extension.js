// Entry of the test-only web extension that carries the web journeys (test/web) into VS Code's web worker
// extension host, beside the web-only product (`node test/host/run.mjs --web`). Bundled for the browser with
// test/web/index.ts, mocha's browser build and every journey by test/host/web-tests-extension.mjs; it
// activates on onStartupFinished and runs the suite, which reports through files in the workspace folder
// (<workspace>/.interp-web-test/: no environment and no Node fs in a web worker).
const { run } = require('../../web/index');

module.exports.activate = function activate() {
  // Not awaited: activation must finish for the workbench (and the product extension) to go on. The journeys
  // load inside run(), after mocha.setup(): their describe() calls need mocha's globals.
  setTimeout(() => void run(() => require('interp-web-tests:all')), 0);
};

module.exports.deactivate = function deactivate() {};

// The web journeys' smoke test: they run where a user of vscode.dev or github.dev runs the extension, in the
// web worker extension host, and the product runs in that same host (its exports cross no host boundary).
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { until } from '../integration/helpers/until';
import * as assert from '../common/assert';

const EXTENSION_ID = 'interp-lessons.interp-lessons';

describe('Web worker extension host', () => {
  it('is a web worker: no Node process, and VS Code says the UI is the web', () => {
    assert.strictEqual(typeof process, 'undefined', 'typeof process');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web, 'vscode.env.uiKind');
  });

  it('runs the product extension here, active, with its exports', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
    // It activates on onStartupFinished, as this suite's extension does: it may not be done yet.
    await until(`${EXTENSION_ID} to be active`, () => ext.isActive, 30_000, 50);
    assert.strictEqual(typeof ext.exports, 'object', 'exports');
    assert.ok(ext.exports.lessons, 'exports.lessons');
  });
});

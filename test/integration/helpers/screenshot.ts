import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/** Asks the outer runner (test/host/run.mjs) for a workbench screenshot and waits for the file. */
export async function requestScreenshot(relative: string): Promise<void> {
  const file = path.resolve(__dirname, '..', '..', '..', relative);
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  console.log(`INTERP_SCREENSHOT ${JSON.stringify({ file: relative })}`);
  const start = Date.now();
  while (!(fs.existsSync(file) && fs.statSync(file).mtimeMs > before)) {
    if (Date.now() - start > 20_000) throw new Error(`screenshot ${relative} did not arrive`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Switches the colour theme and waits until the workbench reports it (10 s at most, then the assertion fails). */
export async function setTheme(theme: string, kind: vscode.ColorThemeKind): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    if (vscode.window.activeColorTheme.kind === kind) return resolve();
    const sub = vscode.window.onDidChangeActiveColorTheme((t) => {
      if (t.kind === kind) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration().update('workbench.colorTheme', theme, vscode.ConfigurationTarget.Global);
  await Promise.race([changed, new Promise((r) => setTimeout(r, 10_000))]);
  assert.strictEqual(vscode.window.activeColorTheme.kind, kind, `theme ${theme} applied`);
  // No wait for painting here: the pages shown next report their theme (the tests assert it), and the runner
  // waits two animation frames of the workbench before each screenshot.
}

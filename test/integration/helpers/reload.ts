import * as fs from 'fs';
import type { SuiteResult } from '../index';

/**
 * A real window reload in the middle of the suite (test/integration/reload.test.ts). test/host/run.mjs
 * sets INTERP_TEST_RELOAD to a file path; without it (e.g. under @vscode/test-cli) nothing reloads.
 *  - phase 'before': every test file runs, reload.test.js last; its test saves what it expects to see
 *    after the reload into the file (`expect`) and asks for the reload (`requested: true`).
 *  - then run() writes the result so far, marks the file `phase: 'after'` and executes VS Code's own
 *    `workbench.action.reloadWindow`: the workbench shuts down (saving editors and webview state),
 *    reloads the same URL and the extension host loads this file again.
 *  - phase 'after': only reload.test.js runs (its "after reload" tests); their records are appended to
 *    the first phase's and the extension host exits once, with the verdict of both phases.
 */
export interface ReloadState {
  phase?: 'after';
  requested?: boolean;
  /** Whatever the 'before' test wants the 'after' tests to check. */
  expect?: Record<string, unknown>;
  firstPhase?: SuiteResult;
}

export function reloadFile(): string | undefined {
  return process.env.INTERP_TEST_RELOAD || undefined;
}

export function readReloadState(): ReloadState {
  const file = reloadFile();
  if (!file) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ReloadState;
  } catch {
    return {};
  }
}

export function writeReloadState(state: ReloadState): void {
  const file = reloadFile();
  if (!file) throw new Error('INTERP_TEST_RELOAD is not set: this host cannot reload the window');
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
}

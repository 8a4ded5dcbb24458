import * as vscode from 'vscode';

/**
 * The warnings the features show go through this one object, which `activate()` also returns: the integration
 * tests answer modal dialogs and count warnings by replacing its method. (A test that replaced
 * `vscode.window.showWarningMessage` itself would reach the extension only when both share one API object, as in
 * a development run; a packaged extension gets its own.) The call goes to `vscode.window` at call time.
 */
export const ui = {
  showWarningMessage: ((...args: unknown[]) =>
    (vscode.window.showWarningMessage as (...a: unknown[]) => Thenable<unknown>)(
      ...args,
    )) as typeof vscode.window.showWarningMessage,
};

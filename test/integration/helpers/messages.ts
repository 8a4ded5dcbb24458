import * as vscode from 'vscode';

/** A warning the extension showed: its text, whether it was modal, and the buttons it offered. */
export interface ShownWarning {
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

type Ui = { showWarningMessage: typeof vscode.window.showWarningMessage };

/**
 * Records every warning the extension shows while a test runs, through the `ui` object its `activate()` returns
 * (src/features/shared/ui.ts: in a packaged run the tests and the extension have different `vscode` API
 * objects, so replacing `vscode.window.showWarningMessage` here would not reach the extension). Non-modal
 * warnings are still shown; a modal one is answered by `answer` (a button's title, or undefined for Cancel)
 * instead, since nobody can click it in the test host. Call `restore()` in `finally`.
 */
export function interceptWarnings(answer: (w: ShownWarning) => string | undefined = () => undefined): {
  shown: ShownWarning[];
  restore(): void;
} {
  const ext = vscode.extensions.getExtension<{ ui: Ui }>('interp-lessons.interp-lessons');
  if (!ext?.isActive) throw new Error('interceptWarnings: activate the extension first');
  const ui = ext.exports.ui;
  const shown: ShownWarning[] = [];
  const original = ui.showWarningMessage;
  ui.showWarningMessage = ((message: string, ...rest: unknown[]) => {
    const options =
      rest[0] && typeof rest[0] === 'object' && !('title' in rest[0])
        ? (rest.shift() as vscode.MessageOptions)
        : undefined;
    const items = rest as (string | vscode.MessageItem)[];
    const w: ShownWarning = {
      message,
      modal: !!options?.modal,
      detail: options?.detail,
      items: items.map((i) => (typeof i === 'string' ? i : i.title)),
    };
    shown.push(w);
    if (!w.modal)
      return (original as (...a: unknown[]) => Thenable<unknown>)(message, ...(options ? [options] : []), ...items);
    const title = answer(w);
    return Promise.resolve(items.find((i) => (typeof i === 'string' ? i : i.title) === title));
  }) as typeof vscode.window.showWarningMessage;
  return {
    shown,
    restore: () => {
      ui.showWarningMessage = original;
    },
  };
}

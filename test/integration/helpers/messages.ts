import * as vscode from 'vscode';

/** A warning the extension showed: its text, whether it was modal, and the buttons it offered. */
export interface ShownWarning {
  message: string;
  modal: boolean;
  detail?: string;
  items: string[];
}

/**
 * Records every `window.showWarningMessage` while a test runs (the tests share VS Code's API object with the
 * extension). Non-modal warnings are still shown; a modal one is answered by `answer` (a button's title, or
 * undefined for Cancel) instead, since nobody can click it in the test host. Call `restore()` in `finally`.
 */
export function interceptWarnings(answer: (w: ShownWarning) => string | undefined = () => undefined): { shown: ShownWarning[]; restore(): void } {
  const shown: ShownWarning[] = [];
  const original = vscode.window.showWarningMessage;
  vscode.window.showWarningMessage = ((message: string, ...rest: unknown[]) => {
    const options = rest[0] && typeof rest[0] === 'object' && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : undefined;
    const items = rest as (string | vscode.MessageItem)[];
    const w: ShownWarning = { message, modal: !!options?.modal, detail: options?.detail, items: items.map((i) => (typeof i === 'string' ? i : i.title)) };
    shown.push(w);
    if (!w.modal) return (original as (...a: unknown[]) => Thenable<unknown>)(message, ...(options ? [options] : []), ...items);
    const title = answer(w);
    return Promise.resolve(items.find((i) => (typeof i === 'string' ? i : i.title) === title));
  }) as typeof vscode.window.showWarningMessage;
  return { shown, restore: () => { vscode.window.showWarningMessage = original; } };
}

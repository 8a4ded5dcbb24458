import * as vscode from 'vscode';
import * as lessons from './features/lessons/register';

/** Wiring only: each feature registers its own disposables on the context. */
export function activate(context: vscode.ExtensionContext): void {
  lessons.register(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

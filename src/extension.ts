import * as vscode from 'vscode';
import { createDeps } from './features/shared/deps';
import * as lessons from './features/lessons/register';

/** Wiring only: build shared services, then each feature registers its own disposables. */
export function activate(context: vscode.ExtensionContext) {
  const deps = createDeps(context);
  const lessonApi = lessons.register(context, deps);
  // Returned for the integration tests (they read it through vscode.extensions.getExtension().exports).
  return { lessons: lessonApi };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

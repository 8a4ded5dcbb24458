import * as vscode from 'vscode';
import { createDeps } from './features/shared/deps';
import { ui } from './features/shared/ui';
import * as lessons from './features/lessons/register';
import * as glossary from './features/glossary/register';
import * as snippets from './features/snippets/register';
import * as review from './features/review/register';
import * as annotations from './features/annotations/register';
import { registerSyncedState } from './features/shared/sync';
import { registerWalkthroughContext } from './features/shared/walkthrough';

/** Wiring only: build shared services, then each feature registers its own disposables. */
export function activate(context: vscode.ExtensionContext) {
  const deps = createDeps(context);
  const glossaryApi = glossary.register(context, deps);
  const lessonApi = lessons.register(context, deps, {
    glossaryMarking: glossaryApi.readerMarking,
    onDidChangeGlossary: glossaryApi.service.onDidChange,
  });
  const snippetsApi = snippets.register(context, deps);
  const reviewApi = review.register(context, deps, {
    glossary: () => glossaryApi.service.glossary,
    onDidChangeGlossary: glossaryApi.service.onDidChange,
    progress: lessonApi.progress,
    glossaryView: () => glossaryApi.tree.view,
  });
  // Reading progress follows the user to other machines (Settings Sync); scroll positions do not.
  const syncedKeys = registerSyncedState(context.globalState);
  registerWalkthroughContext(context, snippetsApi.onDidRender);
  // Returned for the integration tests (they read it through vscode.extensions.getExtension().exports);
  // extendMarkdownIt is VS Code's hook for `markdown.markdownItPlugins`.
  return {
    lessons: lessonApi,
    glossary: glossaryApi,
    snippets: snippetsApi,
    review: reviewApi,
    annotations: annotations.register(context, deps),
    log: deps.log,
    ui,
    /** The globalState keys registered for Settings Sync, and every key stored now (tests). */
    syncedKeys,
    storedStateKeys: () => context.globalState.keys(),
    extendMarkdownIt: glossaryApi.extendMarkdownIt,
  };
}

/** What activate() returns: the integration tests' handle on the running extension. */
export type ExtensionApi = ReturnType<typeof activate>;

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

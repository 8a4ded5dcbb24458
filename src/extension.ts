import * as vscode from 'vscode';
import { createDeps } from './features/shared/deps';
import { ui } from './features/shared/ui';
import * as lessons from './features/lessons/register';
import * as glossary from './features/glossary/register';
import * as snippets from './features/snippets/register';

/** Wiring only: build shared services, then each feature registers its own disposables. */
export function activate(context: vscode.ExtensionContext) {
  const deps = createDeps(context);
  const glossaryApi = glossary.register(context, deps);
  const lessonApi = lessons.register(context, deps, {
    glossaryMarking: glossaryApi.readerMarking,
    onDidChangeGlossary: glossaryApi.service.onDidChange,
  });
  const snippetsApi = snippets.register(context, deps, { runnableSnippets: lessonApi.runnableSnippets });
  // Returned for the integration tests (they read it through vscode.extensions.getExtension().exports);
  // extendMarkdownIt is VS Code's hook for `markdown.markdownItPlugins`.
  return {
    lessons: lessonApi,
    glossary: glossaryApi,
    snippets: snippetsApi,
    log: deps.log,
    ui,
    extendMarkdownIt: glossaryApi.extendMarkdownIt,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

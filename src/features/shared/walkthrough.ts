import * as vscode from 'vscode';
import { ContextKeys } from '../../constants';
import { onDidChangeSettings, setting } from './settings';

/** Whether a document language gets glossary hovers by `interpLessons.glossary.languages` (`*` means all). */
export function isNoteLanguage(languageId: string, languages: unknown): boolean {
  const list = Array.isArray(languages) ? languages : ['markdown', 'plaintext'];
  return list.includes('*') || list.includes(languageId);
}

/**
 * Context keys that complete walkthrough steps (`onContext:` in package.json): a note that gets glossary
 * hovers is the active editor, and a snippet run was shown. VS Code remembers a completed step, so the
 * keys only need to become true once while the extension runs.
 */
export function registerWalkthroughContext(context: vscode.ExtensionContext, onDidRunSnippet: vscode.Event<unknown>) {
  const setContext = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
  const updateNoteOpen = () => {
    const document = vscode.window.activeTextEditor?.document;
    const hovers = setting('glossary.enabled');
    setContext(
      ContextKeys.noteOpen,
      !!document && hovers && isNoteLanguage(document.languageId, setting('glossary.languages')),
    );
  };
  updateNoteOpen();
  let ran = false;
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(updateNoteOpen),
    // A document whose language changes is closed and opened again with the new one.
    vscode.workspace.onDidOpenTextDocument(updateNoteOpen),
    onDidChangeSettings(updateNoteOpen),
    onDidRunSnippet(() => {
      if (ran) return;
      ran = true;
      setContext(ContextKeys.snippetRan, true);
    }),
  );
}

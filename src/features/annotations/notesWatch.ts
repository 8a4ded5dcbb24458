// What makes the store read notes files again: typing in an open notes file (live), other tools creating,
// changing or deleting files in the notes folders, and the settings or workspace folders that move them.
import * as vscode from 'vscode';
import { onDidChangeSettings } from '../shared/settings';
import type { NotesLocation } from './notesLocation';
import type { NotesStore } from './store';

export function watchNotes(store: NotesStore, location: NotesLocation): vscode.Disposable {
  let watchers: vscode.Disposable[] = [];
  const rewatch = () => {
    vscode.Disposable.from(...watchers).dispose();
    watchers = location.all.flatMap((root) => {
      const w = vscode.workspace.createFileSystemWatcher(notesPattern(root.uri));
      const changed = (uri: vscode.Uri) => store.invalidate(uri);
      return [w, w.onDidCreate(changed), w.onDidChange(changed), w.onDidDelete(changed)];
    });
  };
  const moved = () => {
    rewatch();
    store.invalidateAll();
  };
  rewatch();
  return vscode.Disposable.from(
    { dispose: () => vscode.Disposable.from(...watchers).dispose() },
    vscode.workspace.onDidChangeTextDocument((e) => {
      // A change of dirty state alone comes with no content changes: the text is the same.
      if (e.contentChanges.length) store.invalidate(e.document.uri);
    }),
    // Closing a document with unsaved edits drops them: the file's own text counts again.
    vscode.workspace.onDidCloseTextDocument((d) => store.invalidate(d.uri)),
    onDidChangeSettings((change) => {
      if (change.affects('notes.folder', 'courseFolder')) moved();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(moved),
  );
}

/**
 * The notes folder's markdown files. A notes folder inside a workspace folder is watched from the workspace
 * folder (it exists, and VS Code already watches it): a watcher on a folder that does not exist yet would miss the
 * first notes file another tool creates (a `git pull`, a copy).
 */
function notesPattern(root: vscode.Uri): vscode.RelativePattern {
  const folder = vscode.workspace.getWorkspaceFolder(root);
  const base = folder?.uri.path.replace(/\/$/, '');
  if (!folder || !base || !root.path.startsWith(`${base}/`)) return new vscode.RelativePattern(root, '**/*.md');
  const relative = root.path.slice(base.length + 1).replace(/[[\]{}*?]/g, (c) => `[${c}]`);
  return new vscode.RelativePattern(folder, `${relative}/**/*.md`);
}

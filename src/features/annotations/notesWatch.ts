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
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root.uri, '**/*.md'));
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

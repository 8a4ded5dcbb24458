// Notes files as the user sees them: a file's text is the open document's (unsaved edits included), else the
// file's; and the files of a notes folder.
import * as vscode from 'vscode';
import type { Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';
import type { NotesRoot } from './notesLocation';

const MAX_FILES = 5_000;
const MAX_DEPTH = 10;

/** The open TextDocument for `uri`, if any. */
export function openNotesDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The text of a notes file (undefined when there is no such file), read through workspace.fs. */
export async function readNotesText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openNotesDocument(uri);
  if (open) return open.getText();
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'FileIsADirectory'))
      return undefined;
    throw e;
  }
  // Notes are UTF-8 markdown; a BOM written by another editor is not part of the text (offsets start after it).
  return new TextDecoder('utf-8').decode(bytes);
}

/** Every `.md` file under a notes folder, with its segments (none when the folder does not exist). */
export async function listNotesFiles(root: NotesRoot, log: Log): Promise<{ uri: vscode.Uri; segments: string[] }[]> {
  const out: { uri: vscode.Uri; segments: string[] }[] = [];
  const walk = async (dir: vscode.Uri, segments: string[]): Promise<void> => {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound'))
        log.warn(`Notes: cannot list ${dir.toString(true)}: ${errorMessage(e)}`);
      return;
    }
    for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
      if (out.length >= MAX_FILES) return;
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (segments.length < MAX_DEPTH && !name.startsWith('.')) await walk(uri, [...segments, name]);
      } else if (/\.md$/i.test(name)) out.push({ uri, segments: [...segments, name] });
    }
  };
  await walk(root.uri, []);
  return out;
}

// A notes file's text as the user sees it: the open document's (unsaved edits included), else the file's.
import * as vscode from 'vscode';

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

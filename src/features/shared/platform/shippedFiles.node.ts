import * as vscode from 'vscode';

/** The files and folders of one of the extension's own folders (the lessons, KaTeX's fonts). */
export async function readShippedDirectory(dir: vscode.Uri): Promise<[string, vscode.FileType][]> {
  return await vscode.workspace.fs.readDirectory(dir);
}

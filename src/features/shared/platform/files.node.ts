import * as fs from 'fs';
import * as vscode from 'vscode';

/** The file a `file:` URI names once links are followed (other schemes as they are). */
export async function realPath(uri: vscode.Uri): Promise<vscode.Uri> {
  return uri.scheme === 'file' ? vscode.Uri.file(await fs.promises.realpath(uri.fsPath)) : uri;
}

/** Windows and macOS file systems ignore case in names; Linux's and virtual ones do not. */
export function ignoresCase(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && (process.platform === 'win32' || process.platform === 'darwin');
}

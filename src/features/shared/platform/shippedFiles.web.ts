import * as vscode from 'vscode';
// The extension's own folders' file names at build time (esbuild.js, shippedFileIndex).
import { shippedFiles } from 'virtual:shipped-files';

/**
 * The files of one of the extension's own folders. On vscode.dev the extension is served over https, where a file
 * can be read but a folder cannot be listed: the names then come from the list made when the bundle was built.
 */
export async function readShippedDirectory(dir: vscode.Uri): Promise<[string, vscode.FileType][]> {
  try {
    return await vscode.workspace.fs.readDirectory(dir);
  } catch (e) {
    const path = dir.path.replace(/\/+$/, '');
    const key = Object.keys(shippedFiles).find((k) => path.endsWith(`/${k}`));
    if (!key) throw e;
    return shippedFiles[key].map((name) => [name, vscode.FileType.File]);
  }
}

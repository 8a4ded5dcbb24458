// Files in the test workspace through workspace.fs, on any file system: the Node host's folder is file:, the web
// worker host's is vscode-remote: (and a github.dev one would be virtual).
import * as vscode from 'vscode';

/** The first workspace folder (the test host opens a copy of test/fixtures/workspace). */
export function firstWorkspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test host opens a workspace folder');
  return folder.uri;
}

/** Writes `text` (UTF-8) to `relative` under `folder` (default: the first workspace folder) and returns its URI. */
export async function writeText(relative: string, text: string, folder = firstWorkspaceFolder()): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder, ...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** The file's text, decoded as UTF-8. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

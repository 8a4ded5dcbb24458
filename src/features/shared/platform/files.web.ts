import type * as vscode from 'vscode';

/** No links to follow on the web: a URI names its file as it is. */
export function realPath(uri: vscode.Uri): Promise<vscode.Uri> {
  return Promise.resolve(uri);
}

/** Case in names: the browser cannot tell the remote's file system, so names are compared as written. */
export function ignoresCase(_uri: vscode.Uri): boolean {
  return false;
}

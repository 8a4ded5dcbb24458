import * as assert from 'assert';
import * as vscode from 'vscode';
import { writeText } from '../../common/workspace';

/** The folder the test host opens (a copy of test/fixtures/workspace, on this disk). */
export function workspaceFolder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f?.uri.scheme === 'file', 'the test host opens a local workspace folder');
  return f.uri;
}

/** Writes a file into the workspace folder through workspace.fs and returns its URI. */
export function writeWorkspaceFile(relative: string, text: string): Promise<vscode.Uri> {
  return writeText(relative, text, workspaceFolder());
}

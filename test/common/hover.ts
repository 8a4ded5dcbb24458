// Hovers as VS Code's hover command gets them, the same in the Node and the web worker extension host.
import * as vscode from 'vscode';

/** Every hover's text (markdown) at `offset` characters into the first `needle` of the document, joined. */
export async function hoverText(uri: vscode.Uri, needle: string, offset = 1): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${uri.path}`);
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      doc.positionAt(at + offset),
    )) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n----\n');
}

/** A note with glossary terms in English, Vietnamese (NFC and NFD) and inside fenced code, where none may match. */
export const GLOSSARY_NOTE_LINES = [
  '# My notes',
  '',
  'Today: a linear probe on the residual stream; Hiện tượng chồng chập (NFC).',
  'NFD: ' + 'chồng chập'.normalize('NFD') + ' as macOS writes it.',
  '',
  '```',
  'linear probe inside code',
  '```',
  '',
];

import * as vscode from 'vscode';
import { normalizeSlashPath } from '../../core/activation';
import type { Log } from '../shared/deps';
import { ignoresCase, realPath } from '../shared/platform/files.node';
import type { ui as sharedUi } from '../shared/ui';
import { DataFileReader, type DataFileHost } from './dataFile';

/** The extension's one `ui` (shared/ui.ts), passed in: a lazily loaded piece has its own copy of that module. */
export type Ui = typeof sharedUi;

/**
 * The data-file reader over VS Code's workspace, its file system (links resolved on the local disk) and dialogs;
 * warnings go through `ui`, the one the extension returns to its tests.
 */
export function createDataFileReader(log: Log, ui: Ui): DataFileReader<vscode.Uri> {
  return new DataFileReader(vscodeDataFileHost(log, ui));
}

export function vscodeDataFileHost(log: Log, ui: Ui): DataFileHost<vscode.Uri> {
  return {
    fs: {
      readFile: (uri) => vscode.workspace.fs.readFile(uri),
      stat: (uri) => vscode.workspace.fs.stat(uri),
      realPath,
    },
    workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
    inWorkspace: (documentUri) => !!vscode.workspace.getWorkspaceFolder(documentUri),
    isTrusted: () => vscode.workspace.isTrusted,
    ignoreCase: ignoresCase,
    candidates,
    shown: (uri) => (uri.scheme === 'file' ? uri.fsPath : uri.toString(true)),
    noteName: (documentUri) => vscode.workspace.asRelativePath(documentUri, false),
    refuseRestricted: (shown) => refuseRestricted(ui, shown),
    askToRead: (shown, ref, note) => askToRead(ui, shown, ref, note),
    declined: (shown) => {
      const message = vscode.l10n.t(
        'The regression was not run: {0} is outside the workspace and was not read.',
        shown,
      );
      void vscode.window.showInformationMessage(message);
      return message;
    },
    tooBig: (ref, megabytes, limit) => vscode.l10n.t('{0} is {1} MB; the limit is {2} MB.', ref, megabytes, limit),
    notFound: (ref) => vscode.l10n.t('The data file {0} was not found next to the note or in the workspace.', ref),
    log,
  };
}

/** An absolute path names a file beside the note's own file system (local disk only for a local note). */
function candidates(documentUri: vscode.Uri, ref: string): vscode.Uri[] {
  if (/^([a-zA-Z]:[\\/]|\/)/.test(ref)) {
    const uri =
      documentUri.scheme === 'file'
        ? vscode.Uri.file(ref)
        : documentUri.with({ path: `/${ref.replace(/\\/g, '/').replace(/^\/+/, '')}`, query: '', fragment: '' });
    return [uri.with({ path: normalizeSlashPath(uri.path) })]; // what is read is what was checked
  }
  return [
    vscode.Uri.joinPath(documentUri, '..', ref),
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, ref)),
  ];
}

function refuseRestricted(ui: Ui, shown: string): string {
  const message = vscode.l10n.t(
    'The regression was not run: {0} is outside the workspace, and in Restricted Mode data files are read only from inside it.',
    shown,
  );
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void ui
    .showWarningMessage(message, manage)
    .then((a) => (a === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return message;
}

async function askToRead(ui: Ui, shown: string, ref: string, note: string): Promise<boolean> {
  const read = vscode.l10n.t('Read the File');
  const answer = await ui.showWarningMessage(
    vscode.l10n.t('Read {0}? It is outside the workspace.', shown),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The line "file: {0}" in {1} names it. It is only read, to compute this regression; you are asked once per file in this session.',
        ref,
        note,
      ),
    },
    read,
  );
  return answer === read;
}

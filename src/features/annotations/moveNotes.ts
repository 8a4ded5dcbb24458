// Move Notes into Workspace: notes written with no folder open (in global storage, not synced) go into the
// workspace's notes folder. Nothing is overwritten: a file already there gets the entries it lacks appended.
import * as vscode from 'vscode';
import { parseNotesFile } from '../../core/activation';
import type { Log } from '../shared/deps';
import type { ui as sharedUi } from '../shared/ui';
import type { NotesLocation } from './notesLocation';
import { mergeNotes } from './notesMerge';
import { listNotesFiles, readNotesText } from './notesText';

/** What a move did, file by file. */
export interface MoveReport {
  moved: number;
  /** Files that were there already and got entries appended, and how many entries in all. */
  merged: number;
  appendedEntries: number;
  /** Source files kept in global storage: they hold text the workspace file lacks. */
  kept: vscode.Uri[];
  failed: { uri: vscode.Uri; error: unknown }[];
}

/** Moves every notes file from global storage into the workspace notes folder (undefined: no folder is open). */
export async function moveNotesIntoWorkspace(location: NotesLocation, log: Log): Promise<MoveReport | undefined> {
  const workspace = location.workspaceRoot;
  if (!workspace) return undefined;
  const report: MoveReport = { moved: 0, merged: 0, appendedEntries: 0, kept: [], failed: [] };
  for (const { uri, segments } of await listNotesFiles(location.globalRoot, log)) {
    const target = vscode.Uri.joinPath(workspace.uri, ...segments);
    try {
      await moveOne(uri, target, report);
    } catch (error) {
      log.error(`Move Notes into Workspace: ${uri.toString(true)}`, error);
      report.failed.push({ uri, error });
    }
  }
  log.info(
    `Move Notes into Workspace: ${report.moved} moved, ${report.merged} merged (${report.appendedEntries} entries), ${report.kept.length} kept, ${report.failed.length} failed`,
  );
  return report;
}

async function moveOne(source: vscode.Uri, target: vscode.Uri, report: MoveReport): Promise<void> {
  const targetText = await readNotesText(target);
  if (targetText === undefined) {
    // copy refuses to overwrite: a file created meanwhile makes this one fail, never lose its text.
    await vscode.workspace.fs.copy(source, target, { overwrite: false });
    await vscode.workspace.fs.delete(source);
    report.moved++;
    return;
  }
  const sourceText = (await readNotesText(source)) ?? '';
  const merge = mergeNotes(sourceText, targetText, parseNotesFile);
  if (merge.append) {
    const doc = await vscode.workspace.openTextDocument(target);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(target, doc.positionAt(doc.getText().length), merge.append);
    if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save()))
      throw new Error(`the entries could not be appended to ${target.toString(true)}`);
    report.merged++;
    report.appendedEntries += merge.appended.length;
  }
  if (merge.leftover.length === 0) await vscode.workspace.fs.delete(source);
  else report.kept.push(source);
}

/**
 * The command: move, then say what was done; warnings go through the extension's `ui`, passed in (this module loads
 * in a piece of its own, with its own copy of shared/ui.ts).
 */
export async function runMoveNotes(
  location: NotesLocation,
  log: Log,
  ui: typeof sharedUi,
): Promise<MoveReport | undefined> {
  const report = await moveNotesIntoWorkspace(location, log);
  if (!report) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a folder first: notes are moved into the notes folder of the workspace.'),
    );
    return undefined;
  }
  const folder = vscode.workspace.asRelativePath(location.workspaceRoot!.uri);
  const done = report.moved + report.merged + report.kept.length + report.failed.length;
  if (done === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no notes in the extension storage to move.'));
    return report;
  }
  const parts = [
    vscode.l10n.t(
      'Notes moved into {0}: {1} files moved, {2} entries added to {3} files that were there already.',
      folder,
      report.moved,
      report.appendedEntries,
      report.merged,
    ),
  ];
  if (report.kept.length)
    parts.push(
      vscode.l10n.t(
        '{0} files stay in the extension storage: they hold text the workspace files lack.',
        report.kept.length,
      ),
    );
  if (report.failed.length)
    parts.push(vscode.l10n.t('{0} files could not be moved (see the output log).', report.failed.length));
  const text = parts.join(' ');
  if (report.kept.length || report.failed.length) void ui.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
  return report;
}

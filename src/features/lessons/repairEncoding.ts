import * as vscode from 'vscode';
import { repairMojibake, type MojibakeRepair } from '../../core/activation';
import type { Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';
import type { CourseService } from './courseService';
import type { LessonReader } from './reader';
import type { Ui } from './readerNotices';

/** What Repair File Encoding needs: the course (to find the lesson in the reader and reload it) and the log. */
export interface EncodingRepairDeps {
  log: Log;
  courses: CourseService;
  reader: Pick<LessonReader, 'currentLesson'>;
  /** The extension's `ui` (tests answer its confirmation), passed in: this file is loaded lazily. */
  ui: Ui;
}

/**
 * Repair File Encoding: writes the repaired text of a damaged file after confirmation, keeping a backup; undoable
 * in the editor. The file is the argument, else the active markdown editor's, else the lesson in the reader.
 */
export async function repairEncoding(
  deps: EncodingRepairDeps,
  arg?: unknown,
  options: { confirmed?: boolean } = {},
): Promise<boolean> {
  const uri = await fileToRepair(deps, arg);
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a markdown file or a lesson first.'));
    return false;
  }
  const name = uri.path.split('/').pop() ?? uri.path;
  const doc = await vscode.workspace.openTextDocument(uri);
  const result = repairMojibake(doc.getText());
  if (!result.repaired) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No encoding damage found in {0}.', name));
    return false;
  }
  const backup = await freeBackupUri(uri);
  const backupName = backup.path.split('/').pop() ?? '';
  if (!options.confirmed && !(await confirm(deps.ui, name, backupName, result))) return false;
  if (!(await writeBackup(deps.log, uri, backup, name, backupName))) return false;
  if (!(await writeRepaired(deps.log, doc, result.text, name, backupName))) return false;
  deps.log.info(
    `repaired ${uri.toString(true)}: ${result.restored} spots, ${result.unresolved.length} uncertain; backup ${backupName}`,
  );
  // Show the repaired file so the change can be checked and undone (Ctrl+Z) right there.
  await vscode.window.showTextDocument(doc, { preview: false });
  deps.courses.refresh();
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Repaired {0}: {1} spots restored, {2} uncertain. Backup: {3}.',
      name,
      result.restored,
      result.unresolved.length,
      backupName,
    ),
  );
  return true;
}

async function fileToRepair(deps: EncodingRepairDeps, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor.document.uri;
  const current = deps.reader.currentLesson;
  if (!current) return undefined;
  const course = await deps.courses.get(current.language);
  const lesson = course.pages.find((l) => l.id === current.lessonId);
  return lesson ? deps.courses.uriOf(course, lesson) : undefined;
}

/** `<file>.bak`, else `.bak2`, `.bak3`…: the first name no file has. */
async function freeBackupUri(uri: vscode.Uri): Promise<vscode.Uri> {
  let backup = uri.with({ path: `${uri.path}.bak` });
  for (let i = 2; await exists(backup); i++) backup = uri.with({ path: `${uri.path}.bak${i}` });
  return backup;
}

async function confirm(ui: Ui, name: string, backupName: string, result: MojibakeRepair): Promise<boolean> {
  const yes = vscode.l10n.t('Repair');
  const answer = await ui.showWarningMessage(
    vscode.l10n.t('Repair the encoding of {0}?', name),
    {
      modal: true,
      detail: vscode.l10n.t(
        '{0} spots will be restored, {1} of them uncertain (best guess kept; check them). The original is saved as {2}; Undo in the editor reverts the change.',
        result.restored,
        result.unresolved.length,
        backupName,
      ),
    },
    yes,
  );
  return answer === yes;
}

/** The backup first, checked by reading it back: the file is touched only once a whole copy exists. */
async function writeBackup(
  log: Log,
  uri: vscode.Uri,
  backup: vscode.Uri,
  name: string,
  backupName: string,
): Promise<boolean> {
  try {
    const original = await vscode.workspace.fs.readFile(uri);
    await vscode.workspace.fs.writeFile(backup, original);
    const copy = await vscode.workspace.fs.readFile(backup);
    if (copy.length !== original.length || copy.some((b, i) => b !== original[i]))
      throw new Error(vscode.l10n.t('the backup reads back different from the original'));
    return true;
  } catch (e) {
    const message = vscode.l10n.t(
      'Could not write the backup {0} ({1}); {2} was not changed.',
      backupName,
      errorMessage(e),
      name,
    );
    log.error(`repair ${uri.toString(true)}: ${message}`);
    void vscode.window.showErrorMessage(message);
    return false;
  }
}

/** The repaired text as one edit of the whole document, saved. */
async function writeRepaired(
  log: Log,
  doc: vscode.TextDocument,
  text: string,
  name: string,
  backupName: string,
): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  let saved = false;
  let why = '';
  try {
    saved = (await vscode.workspace.applyEdit(edit)) && (await doc.save());
  } catch (e) {
    why = errorMessage(e);
  }
  if (!saved) {
    const message = vscode.l10n.t('Could not write {0}; the backup {1} is kept.', name, backupName);
    log.error(`repair ${doc.uri.toString(true)}: ${message}${why ? ` (${why})` : ''}`);
    void vscode.window.showErrorMessage(message);
  }
  return saved;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

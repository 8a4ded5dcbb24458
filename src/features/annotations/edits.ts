// Every change the reader makes to a notes file is an editor edit (so Undo in the editor takes it back) that is
// then saved (so the file is never left dirty). Core computes each edit; it only ever touches the one entry.
import * as vscode from 'vscode';
import {
  deleteEntryEdit,
  insertEntryEdit,
  newNotesFile,
  parseNotesFile,
  replaceNoteEdit,
  setColorEdit,
  type Annotation,
  type EntryContext,
  type HighlightColor,
  type NotesEdit,
  type NotesEntry,
  type NotesFile,
  type NotesFileHeader,
} from '../../core/activation';
import type { Log } from '../shared/deps';
import type { ui as sharedUi } from '../shared/ui';

/** What became of an edit: made and saved, or why not. */
export type EditOutcome = 'done' | 'readOnly' | 'missing' | 'refused' | 'unsaved';

/** What an edit is made of: the file's text and parse in, one core edit (or why there is none) out. */
type MakeEdit = (text: string, file: NotesFile) => NotesEdit | Exclude<EditOutcome, 'done'>;

export class NotesEditor {
  /** One edit at a time: each is computed on the text the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: Log,
    /** Called after each edit is applied (the store reads the file again without waiting for the event). */
    private readonly edited: (uri: vscode.Uri) => void,
  ) {}

  /** Adds an entry at the end of the notes file, creating the file (with its opening) when there is none. */
  insert(uri: vscode.Uri, header: NotesFileHeader, annotation: Annotation, ctx: EntryContext): Promise<EditOutcome> {
    return this.enqueue(uri, header, (text) => insertEntryEdit(text, annotation, ctx));
  }

  replaceNote(uri: vscode.Uri, id: string, note: string): Promise<EditOutcome> {
    return this.enqueue(uri, undefined, (text, file) => onEntry(text, file, id, (e) => replaceNoteEdit(text, e, note)));
  }

  setColor(uri: vscode.Uri, id: string, color: HighlightColor): Promise<EditOutcome> {
    return this.enqueue(uri, undefined, (text, file) => onEntry(text, file, id, (e) => setColorEdit(text, e, color)));
  }

  deleteEntry(uri: vscode.Uri, id: string): Promise<EditOutcome> {
    return this.enqueue(uri, undefined, (text, file) => onEntry(text, file, id, (e) => deleteEntryEdit(text, e)));
  }

  private enqueue(uri: vscode.Uri, header: NotesFileHeader | undefined, make: MakeEdit): Promise<EditOutcome> {
    const next = this.queue.then(() => this.apply(uri, header, make));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Creates the notes file with its opening when there is none ('done' either way, unless refused). */
  ensureFile(uri: vscode.Uri, header: NotesFileHeader): Promise<EditOutcome> {
    const next = this.queue.then(() => this.create(uri, header));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async create(uri: vscode.Uri, header: NotesFileHeader): Promise<EditOutcome> {
    if (await exists(uri)) return 'done';
    const create = new vscode.WorkspaceEdit();
    create.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(newNotesFile(header)) });
    if (!(await vscode.workspace.applyEdit(create))) return this.refused(uri, 'creating the file was refused');
    return 'done';
  }

  private async apply(uri: vscode.Uri, header: NotesFileHeader | undefined, make: MakeEdit): Promise<EditOutcome> {
    if (header && (await this.create(uri, header)) !== 'done') return 'refused';
    if (!(await exists(uri))) return 'missing';
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    const file = parseNotesFile(text);
    if (file.readOnly) return 'readOnly';
    const change = make(text, file);
    if (typeof change === 'string') return change;
    const edit = new vscode.WorkspaceEdit();
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const range = new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end));
    edit.replace(uri, range, change.newText.replace(/\r?\n/g, eol));
    const version = doc.version;
    // applyEdit can report success and change nothing (a read-only editor): the version says what happened.
    if (!(await vscode.workspace.applyEdit(edit)) || doc.version === version)
      return this.refused(uri, 'the edit was refused');
    this.edited(uri);
    if (!(await doc.save())) {
      this.log.warn(`Notes: ${uri.toString(true)} was edited but could not be saved`);
      return 'unsaved';
    }
    return 'done';
  }

  private refused(uri: vscode.Uri, why: string): EditOutcome {
    this.log.warn(`Notes: ${why} in ${uri.toString(true)}; nothing was changed`);
    return 'refused';
  }
}

/**
 * The edit of entry `id`, or 'missing'. An edit that would change text outside the entry (beyond the blank lines
 * around it) is refused: the user's own text is never rewritten.
 */
function onEntry(
  text: string,
  file: NotesFile,
  id: string,
  make: (entry: NotesEntry) => NotesEdit,
): NotesEdit | 'missing' | 'refused' {
  const entry = file.entries.find((e) => e.id === id);
  if (!entry) return 'missing';
  const change = make(entry);
  const outside =
    text.slice(change.start, Math.max(change.start, entry.span.start)) +
    text.slice(Math.min(change.end, entry.span.end), change.end);
  return outside.trim() === '' ? change : 'refused';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return false;
    throw e;
  }
}

/**
 * Tells the user why an edit of their notes file was not made (nothing when it was), through the extension's `ui`
 * (passed in: this module loads in a piece of its own, with its own copy of shared/ui.ts).
 */
export function explainOutcome(outcome: EditOutcome, uri: vscode.Uri, log: Log, ui: typeof sharedUi): void {
  const file = vscode.workspace.asRelativePath(uri);
  const message = {
    done: undefined,
    readOnly: vscode.l10n.t(
      'The notes file {0} was written by a newer version of Interp Lessons: it is shown, but not changed. Update the extension to edit it.',
      file,
    ),
    missing: vscode.l10n.t('That annotation is no longer in {0}: nothing was changed.', file),
    refused: vscode.l10n.t(
      'The notes file {0} could not be edited (it changed meanwhile or is read-only). Nothing was changed.',
      file,
    ),
    unsaved: vscode.l10n.t('The notes file {0} was changed but could not be saved: save it yourself.', file),
  }[outcome];
  if (!message) return;
  log.info(`Notes: ${outcome} for ${uri.toString(true)}`);
  void ui.showWarningMessage(message);
}

// What the reader's annotation actions do to the notes file: highlight or note a selection, copy it as a quote,
// and edit, recolour or delete a drawn highlight.
import * as vscode from 'vscode';
import {
  describeRange,
  newAnnotationId,
  type Annotation,
  type HighlightColor,
  type NotesFileHeader,
  type PageRange,
} from '../../core/activation';
import type { AnnotatableLesson } from '../shared/annotationBridge';
import type { Deps } from '../shared/deps';
import type { ui as sharedUi } from '../shared/ui';
import { explainOutcome, type EditOutcome, type NotesEditor } from './edits';
import { quoteMarkdown } from './quote';
import type { NotesStore } from './store';

/** What the actions need: the store, the editor of notes files, and how to ask for a note (tests answer it). */
export interface AnnotateContext {
  deps: Pick<Deps, 'log' | 'lessonLink'>;
  store: NotesStore;
  editor: NotesEditor;
  /** The extension's `ui` (warnings go through it). */
  ui: typeof sharedUi;
  askNote(lesson: AnnotatableLesson, exact: string): Thenable<string | undefined>;
  /** Told of a new annotation before it is written (the controller draws it at once and times its drawing). */
  willCreate?(annotation: Annotation): void;
}

/** What an 'annotate' came to: the edit's outcome (and the new id), or why nothing was written. */
export interface AnnotateResult {
  outcome: EditOutcome | 'mismatch' | 'cancelled' | 'copied';
  id?: string;
}

/** The word before the title in a new notes file's heading, in the lesson's language (not VS Code's). */
const NOTES_LABEL = { vi: 'Ghi chú', en: 'Notes' } as const;

export function notesHeader(lesson: AnnotatableLesson, link: string): NotesFileHeader {
  return {
    lessonId: lesson.lessonId,
    language: lesson.language,
    title: lesson.title,
    label: NOTES_LABEL[lesson.language],
    link,
  };
}

/** Highlight, Add Note… or Copy as Quote on a selection of the lesson's plain text. */
export async function annotate(
  c: AnnotateContext,
  lesson: AnnotatableLesson,
  action: 'highlight' | 'note' | 'quote',
  range: PageRange,
  color: HighlightColor = 'yellow',
): Promise<AnnotateResult> {
  const text = lesson.plainText();
  // The page is not trusted and may have walked a different text: never store a quote the lesson does not hold.
  if (text.slice(range.start, range.end) !== range.exact) {
    c.deps.log.warn(
      `Annotations: the page's selection ${range.start}-${range.end} in ${lesson.lessonId} is not the lesson's text there; nothing was written`,
    );
    return { outcome: 'mismatch' };
  }
  const sectionTitle = lesson.sections.find((s) => s.id === range.section)?.title;
  const link = c.deps.lessonLink({ lessonId: lesson.lessonId, section: range.section });
  if (action === 'quote') {
    await vscode.env.clipboard.writeText(quoteMarkdown(range.exact, { lessonTitle: lesson.title, sectionTitle, link }));
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Quote copied'), 3000);
    return { outcome: 'copied' };
  }
  let note = '';
  if (action === 'note') {
    const answer = await c.askNote(lesson, range.exact);
    if (answer === undefined) return { outcome: 'cancelled' };
    note = answer;
  }
  const uri = c.store.notesUri(lesson);
  const taken = new Set((await c.store.forLesson(lesson)).entries.map((e) => e.id));
  let id = newAnnotationId();
  while (taken.has(id)) id = newAnnotationId();
  const selector = describeRange(text, range);
  const annotation: Annotation = {
    id,
    color,
    section: range.section,
    exact: selector.exact,
    prefix: selector.prefix,
    suffix: selector.suffix,
    start: range.start,
    end: range.end,
    note,
    created: new Date().toISOString(),
  };
  const ctx = { sectionTitle, lessonTitle: lesson.title, link };
  c.willCreate?.(annotation);
  const outcome = await c.editor.insert(
    uri,
    notesHeader(lesson, c.deps.lessonLink({ lessonId: lesson.lessonId })),
    annotation,
    ctx,
  );
  explainOutcome(outcome, uri, c.deps.log, c.ui);
  return { outcome, id };
}

/** Asks for a note in an input box; Escape (undefined) creates nothing. */
export function askNoteInInputBox(_lesson: AnnotatableLesson, exact: string): Thenable<string | undefined> {
  const shown = exact.length > 60 ? `${exact.slice(0, 57)}…` : exact;
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Add Note'),
    prompt: vscode.l10n.t('Note on “{0}” (markdown; write longer notes in the notes file)', shown.replace(/\s+/g, ' ')),
    ignoreFocusOut: true,
  });
}

/** Edit (opens the notes file beside the reader, the note selected), recolour or delete a drawn highlight. */
export async function onAnnotation(
  c: Pick<AnnotateContext, 'deps' | 'store' | 'editor' | 'askNote' | 'ui'>,
  lesson: AnnotatableLesson,
  id: string,
  action: 'edit' | 'delete' | 'color',
  color?: HighlightColor,
): Promise<EditOutcome> {
  const uri = c.store.notesUri(lesson);
  let outcome: EditOutcome;
  if (action === 'delete') outcome = await c.editor.deleteEntry(uri, id);
  else if (action === 'color') outcome = color ? await c.editor.setColor(uri, id, color) : 'missing';
  else outcome = await editNote(c, lesson, uri, id);
  explainOutcome(outcome, uri, c.deps.log, c.ui);
  return outcome;
}

/**
 * Edit Note: a highlight without a note asks for one (as Add Note… does), since a cursor put where the empty note
 * would go, at the end of the quote, would type into the quote; a note is edited in the notes file.
 */
async function editNote(
  c: Pick<AnnotateContext, 'store' | 'editor' | 'askNote'>,
  lesson: AnnotatableLesson,
  uri: vscode.Uri,
  id: string,
): Promise<EditOutcome> {
  const entry = (await c.store.read(uri)).file.entries.find((e) => e.id === id);
  if (!entry) return 'missing';
  if (entry.note !== '') return revealNote(c.store, uri, id);
  const note = await c.askNote(lesson, entry.exact);
  return note ? c.editor.replaceNote(uri, id, note) : 'done';
}

/** Opens the notes file beside the reader with entry `id`'s note selected ('missing' when it is not there). */
export async function revealNote(store: NotesStore, uri: vscode.Uri, id: string): Promise<EditOutcome> {
  const entry = (await store.read(uri)).file.entries.find((e) => e.id === id);
  if (!entry) return 'missing';
  const doc = await vscode.workspace.openTextDocument(uri);
  const selection = new vscode.Range(doc.positionAt(entry.noteSpan.start), doc.positionAt(entry.noteSpan.end));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return 'done';
}

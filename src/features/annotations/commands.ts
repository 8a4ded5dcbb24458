import * as vscode from 'vscode';
import { commandTable, type Command } from '../shared/commands';
import type { AnnotatableLesson, AnnotationBridge } from '../shared/annotationBridge';
import type { Deps } from '../shared/deps';
import { ui } from '../shared/ui';
import type { AnnotateResult } from './annotate';
import type { AnnotationsBody } from './body';
import { ANNOTATIONS_COMMANDS, AnnotationCommands } from './commandIds';
import type { EditOutcome } from './edits';
import type * as MoveNotes from './moveNotes';
import type { NotesLocation } from './notesLocation';
import type { NotesStore } from './store';

// Move Notes into Workspace loads on first use: dist/lazy-annotations-move.js (esbuild.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mover = () => require('./moveNotes') as typeof MoveNotes;

/** What the annotation commands act on. */
export interface AnnotationCommandDeps {
  deps: Deps;
  bridge: AnnotationBridge;
  /** The feature's body (the controller, the notes editor), loaded on the first call that needs it. */
  body(): AnnotationsBody;
  store: NotesStore;
  location: NotesLocation;
}

/** The annotations feature's command table (ids in commandIds.ts). */
export function annotationCommands(c: AnnotationCommandDeps): Command[] {
  return commandTable(ANNOTATIONS_COMMANDS, {
    [AnnotationCommands.highlightSelection]: () => onSelection(c, 'highlight'),
    [AnnotationCommands.addNoteToSelection]: () => onSelection(c, 'note'),
    [AnnotationCommands.copySelectionAsQuote]: () => onSelection(c, 'quote'),
    [AnnotationCommands.openNotesFile]: () => openNotesFile(c),
    [AnnotationCommands.moveNotesIntoWorkspace]: () => moveNotes(c),
    [AnnotationCommands.editNote]: (arg?: unknown) => onHighlight(c, arg, 'edit'),
    [AnnotationCommands.deleteHighlight]: (arg?: unknown) => onHighlight(c, arg, 'delete'),
  });
}

/** The lesson the reader shows, or a message saying there is none. */
function shownLesson(c: AnnotationCommandDeps): AnnotatableLesson | undefined {
  const lesson = c.bridge.host?.current();
  if (!lesson) void vscode.window.showInformationMessage(vscode.l10n.t('Open a lesson in the reader first.'));
  return lesson;
}

/** Highlight, Add Note… or Copy as Quote on the reader's last selection. */
async function onSelection(
  c: AnnotationCommandDeps,
  action: 'highlight' | 'note' | 'quote',
): Promise<AnnotateResult | undefined> {
  const lesson = shownLesson(c);
  if (!lesson) return undefined;
  const selection = c.body().controller.lastSelection(lesson);
  if (!selection) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select some text of the lesson in the reader first.'));
    return undefined;
  }
  return c.body().controller.create(selection.lesson, action, selection.range);
}

/** Edit Note or Delete Highlight from the highlight's context menu (its `{ annotationId }`). */
async function onHighlight(
  c: AnnotationCommandDeps,
  arg: unknown,
  action: 'edit' | 'delete',
): Promise<EditOutcome | undefined> {
  const id = (arg as { annotationId?: unknown } | undefined)?.annotationId;
  const lesson = shownLesson(c);
  if (!lesson || typeof id !== 'string') return undefined;
  const outcome = await c
    .body()
    .controller.handle(lesson, { type: 'annotation', lessonId: lesson.lessonId, id, action });
  return outcome as EditOutcome | undefined;
}

/** Opens the shown lesson's notes file beside the reader, creating it (with its opening) when there is none. */
async function openNotesFile(c: AnnotationCommandDeps): Promise<vscode.Uri | undefined> {
  const lesson = shownLesson(c);
  if (!lesson) return undefined;
  c.store.remember(lesson);
  const uri = c.store.notesUri(lesson);
  if (!(await c.body().ensureNotesFile(lesson, uri))) return undefined;
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
  return uri;
}

async function moveNotes(c: AnnotationCommandDeps): Promise<MoveNotes.MoveReport | undefined> {
  try {
    return await mover().runMoveNotes(c.location, c.deps.log, ui);
  } finally {
    // Global storage is not watched everywhere: read every notes file again.
    c.store.invalidateAll();
  }
}

import * as vscode from 'vscode';
import type { AnnotatableLesson, LessonRef } from '../shared/annotationBridge';
import { registerCommands } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { setting } from '../shared/settings';
import { askNoteInInputBox } from './annotate';
import { annotationCommands } from './commands';
import { AnnotationController } from './controller';
import { NotesEditor } from './edits';
import { NotesLocation } from './notesLocation';
import { watchNotes } from './notesWatch';
import { renderNote } from './noteHtml';
import { NotesStore } from './store';
import { registerAnnotationsView } from './viewCommands';

/**
 * Highlights and notes in the reader, kept in the user's notes files: the store, the reader's side of the page
 * protocol, the commands, and the counts the lessons tree shows.
 */
export function register(context: vscode.ExtensionContext, deps: Deps) {
  const bridge = deps.annotations;
  const location = new NotesLocation(context.globalStorageUri, (m) => deps.log.warn(m));
  const diagnostics = vscode.languages.createDiagnosticCollection('interpLessons.notes');
  const { store, editor } = createStoreAndEditor(context, deps, location, diagnostics);
  /** Tests answer the Add Note… input box through this (undefined: the real input box). */
  let noteAnswer: ((exact: string) => string | undefined) | undefined;
  const controller = new AnnotationController({
    deps,
    bridge,
    store,
    editor,
    renderNote,
    askNote: (lesson, exact) => (noteAnswer ? Promise.resolve(noteAnswer(exact)) : askNoteInInputBox(lesson, exact)),
  });

  context.subscriptions.push(
    diagnostics,
    store,
    controller,
    watchNotes(store, location),
    bridge.setCounts({ count: (ref) => store.count(ref) }),
    store.onDidChangeCounts(() => bridge.countsDidChange()),
    registerCommands(annotationCommands({ deps, bridge, controller, store, editor, location })),
  );
  // The Annotations view, Export Lesson with Notes… and Copy Notes as Markdown.
  const view = registerAnnotationsView(context, deps, store);
  // The tree's counts need every notes file read once.
  runAndLog(deps.log, 'count the annotations in the notes folder', () => store.all());

  return {
    store,
    location,
    view,
    onDidDraw: controller.onDidDraw,
    onDidPost: controller.onDidPost,
    /** The lesson the reader's page shows now, as annotations see it. */
    shownLesson: () => bridge.host?.current(),
    /** The page's last selection in the lesson (default: the one the reader shows). */
    lastSelection: (ref?: LessonRef) => controller.lastSelection(ref),
    /** Handles a page message as the bridge would (the page itself is out of mocha's reach). */
    handle: (lesson: AnnotatableLesson, message: Parameters<AnnotationController['handle']>[1]) =>
      controller.handle(lesson, message),
    testing: {
      /** Answers Add Note… with `answer(exact)` instead of the input box; returns the function that undoes it. */
      answerNotes(answer: (exact: string) => string | undefined): () => void {
        noteAnswer = answer;
        return () => (noteAnswer = undefined);
      },
    },
  };
}

/** The notes store and the editor of notes files, each using the other. */
function createStoreAndEditor(
  context: vscode.ExtensionContext,
  deps: Deps,
  location: NotesLocation,
  diagnostics: vscode.DiagnosticCollection,
): { store: NotesStore; editor: NotesEditor } {
  const bridge = deps.annotations;
  const store: NotesStore = new NotesStore(
    {
      location,
      log: deps.log,
      extensionId: context.extension.id,
      language: () => deps.language(),
      host: () => bridge.host,
      courseFolderSetting: () => setting('courseFolder'),
      deleteEntry: async (uri, id) => (await editor.deleteEntry(uri, id)) === 'done',
    },
    diagnostics,
  );
  const editor = new NotesEditor(deps.log, (uri) => store.invalidate(uri));
  return { store, editor };
}

/** What the annotations feature gives other code and the integration tests. */
export type AnnotationsApi = ReturnType<typeof register>;

import * as vscode from 'vscode';
import type { AnnotatableLesson, LessonRef } from '../shared/annotationBridge';
import { registerCommands } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { setting } from '../shared/settings';
import { ui } from '../shared/ui';
import type * as Body from './body';
import { annotationCommands } from './commands';
import type { AnnotationController, DrawReport, PostedAnnotations } from './controller';
import { NotesLocation } from './notesLocation';
import { watchNotes } from './notesWatch';
import { renderNote } from './noteHtml';
import { NotesStore } from './store';
import { registerAnnotationsView } from './viewCommands';

// The controller, the notes editor and annotate load on first use: dist/lazy-annotations-body.js (esbuild.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadBody = () => require('./body') as typeof Body;

/**
 * Highlights and notes in the reader, kept in the user's notes files: the store, the reader's side of the page
 * protocol, the commands, and the counts the lessons tree shows.
 */
export function register(context: vscode.ExtensionContext, deps: Deps) {
  const bridge = deps.annotations;
  const location = new NotesLocation(context.globalStorageUri, (m) => deps.log.warn(m));
  const diagnostics = vscode.languages.createDiagnosticCollection('interpLessons.notes');
  const drawn = new vscode.EventEmitter<DrawReport>();
  const posted = new vscode.EventEmitter<PostedAnnotations>();
  /** Tests answer the Add Note… input box through this (undefined: the real input box). */
  let noteAnswer: ((exact: string) => string | undefined) | undefined;
  let body: Body.AnnotationsBody | undefined;
  const get = (): Body.AnnotationsBody => {
    if (body) return body;
    body = loadBody().createAnnotationsBody({
      deps,
      bridge,
      store,
      ui,
      renderNote,
      drawn,
      posted,
      noteAnswer: () => noteAnswer,
    });
    context.subscriptions.push(body.controller);
    return body;
  };
  const store = createStore(context, deps, location, diagnostics, () => get().editor);

  context.subscriptions.push(
    diagnostics,
    store,
    drawn,
    posted,
    // The controller is made on the first lesson the reader shows or the first page message.
    bridge.onDidShowLesson((lesson) => get().controller.showLesson(lesson)),
    bridge.onDidPageMessage(({ lesson, message }) =>
      runAndLog(deps.log, `handle the page's '${message.type}'`, () => get().controller.handle(lesson, message)),
    ),
    watchNotes(store, location),
    bridge.setCounts({ count: (ref) => store.count(ref) }),
    store.onDidChangeCounts(() => bridge.countsDidChange()),
    registerCommands(annotationCommands({ deps, bridge, body: get, store, location })),
  );
  // The Annotations view, Export Lesson with Notes… and Copy Notes as Markdown.
  const view = registerAnnotationsView(context, deps, store);
  // The tree's counts need every notes file read once.
  runAndLog(deps.log, 'count the annotations in the notes folder', () => store.all());

  return {
    store,
    location,
    view,
    /** The page drew what was posted (integration tests wait on it). */
    onDidDraw: drawn.event,
    /** An 'annotations' message went to the page. */
    onDidPost: posted.event,
    /** The lesson the reader's page shows now, as annotations see it. */
    shownLesson: () => bridge.host?.current(),
    /** The page's last selection in the lesson (default: the one the reader shows). */
    lastSelection: (ref?: LessonRef) => body?.controller.lastSelection(ref),
    /** Handles a page message as the bridge would (the page itself is out of mocha's reach). */
    handle: (lesson: AnnotatableLesson, message: Parameters<AnnotationController['handle']>[1]) =>
      get().controller.handle(lesson, message),
    testing: {
      /** Answers Add Note… with `answer(exact)` instead of the input box; returns the function that undoes it. */
      answerNotes(answer: (exact: string) => string | undefined): () => void {
        noteAnswer = answer;
        return () => (noteAnswer = undefined);
      },
    },
  };
}

/** The notes store; deleting an entry goes through the notes editor (in the body, loaded then). */
function createStore(
  context: vscode.ExtensionContext,
  deps: Deps,
  location: NotesLocation,
  diagnostics: vscode.DiagnosticCollection,
  editor: () => Body.AnnotationsBody['editor'],
): NotesStore {
  const bridge = deps.annotations;
  return new NotesStore(
    {
      location,
      log: deps.log,
      extensionId: context.extension.id,
      language: () => deps.language(),
      host: () => bridge.host,
      courseFolderSetting: () => setting('courseFolder'),
      deleteEntry: async (uri, id) => (await editor().deleteEntry(uri, id)) === 'done',
    },
    diagnostics,
  );
}

/** What the annotations feature gives other code and the integration tests. */
export type AnnotationsApi = ReturnType<typeof register>;

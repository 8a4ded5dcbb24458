// The annotations feature's body: the controller (the reader's side of the page protocol), the editor of notes
// files and annotate. register.ts loads it on the first lesson the reader shows, the first page message or the
// first command that needs it (dist/lazy-annotations-body.js, esbuild.js LAZY), so activation carries none of it.
// What has state (the store, the bridge, `ui`, the events tests wait on) is made at activation and passed in.
import type * as vscode from 'vscode';
import type { AnnotatableLesson, AnnotationBridge } from '../shared/annotationBridge';
import type { Deps } from '../shared/deps';
import type { ui as sharedUi } from '../shared/ui';
import { askNoteInInputBox, notesHeader } from './annotate';
import { AnnotationController, type DrawReport, type PostedAnnotations } from './controller';
import { explainOutcome, NotesEditor } from './edits';
import type { NotesStore } from './store';

/** What the body needs from activation. */
export interface AnnotationsHost {
  deps: Deps;
  bridge: AnnotationBridge;
  store: NotesStore;
  ui: typeof sharedUi;
  renderNote(markdown: string): string;
  drawn: vscode.EventEmitter<DrawReport>;
  posted: vscode.EventEmitter<PostedAnnotations>;
  /** Tests' answer to Add Note… (undefined: the real input box). */
  noteAnswer(): ((exact: string) => string | undefined) | undefined;
}

/** What register.ts and the commands reach. */
export interface AnnotationsBody {
  readonly controller: AnnotationController;
  readonly editor: NotesEditor;
  /** Makes the lesson's notes file at `uri` (with its opening) when there is none; false (and says why) if it cannot. */
  ensureNotesFile(lesson: AnnotatableLesson, uri: vscode.Uri): Promise<boolean>;
}

/** Builds the body once; register.ts puts the controller on `context.subscriptions`. */
export function createAnnotationsBody(h: AnnotationsHost): AnnotationsBody {
  const editor = new NotesEditor(h.deps.log, (uri) => h.store.invalidate(uri));
  const controller = new AnnotationController({
    deps: h.deps,
    bridge: h.bridge,
    store: h.store,
    editor,
    ui: h.ui,
    renderNote: h.renderNote,
    drawn: h.drawn,
    posted: h.posted,
    askNote: (lesson, exact) => {
      const answer = h.noteAnswer();
      return answer ? Promise.resolve(answer(exact)) : askNoteInInputBox(lesson, exact);
    },
  });
  return {
    controller,
    editor,
    async ensureNotesFile(lesson, uri) {
      const outcome = await editor.ensureFile(
        uri,
        notesHeader(lesson, h.deps.lessonLink({ lessonId: lesson.lessonId })),
      );
      if (outcome === 'done') return true;
      explainOutcome(outcome, uri, h.deps.log, h.ui);
      return false;
    },
  };
}

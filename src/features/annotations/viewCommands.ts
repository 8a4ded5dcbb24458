// The Annotations view's commands and the two export commands, as a table (ids in viewCommandIds.ts), and the
// one call that registers the view with them.
import * as vscode from 'vscode';
import type { LessonRef, RevealTarget } from '../shared/annotationBridge';
import { commandTable, registerCommands, type Command } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { errorMessage } from '../shared/errors';
import type * as Export from './export';
import type { AnnotationStore } from './store';
import { AnnotationsTree } from './tree';
import type { AnnotationNode } from './treeModel';
import { ANNOTATIONS_VIEW_COMMANDS, AnnotationViewCommands as Commands, AnnotationsViewIds } from './viewCommandIds';

// Export Lesson with Notes… and Copy Notes as Markdown load on first use: dist/lazy-annotations-export-view.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exporter = () => require('./export') as typeof Export;

/** The lesson a command acts on: the view's item it was run on, else the lesson in the reader. */
function lessonOfCommand(deps: Deps, node: AnnotationNode | undefined): LessonRef | undefined {
  const ref = node && 'lesson' in node ? node.lesson.ref : deps.annotations.host?.current();
  if (!ref) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a lesson in the reader, or run this on a lesson in the Annotations view.'),
    );
    return undefined;
  }
  return { lessonId: ref.lessonId, language: ref.language, course: ref.course };
}

/** Runs a command's work; a failure is logged and told (not an unhandled rejection). */
async function reported(deps: Deps, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (e) {
    deps.log.error(`${what} failed`, e);
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', what, errorMessage(e)));
  }
}

function isRevealTarget(arg: unknown): arg is RevealTarget {
  const t = arg as Partial<RevealTarget> | undefined;
  return (
    typeof t?.lessonId === 'string' &&
    (t.language === 'vi' || t.language === 'en') &&
    (t.course === 'shipped' || t.course === 'folder')
  );
}

/** The table: reveal (item click), delete, filter, clear filter, export, copy as markdown. */
/** Where an export is saved: the save dialog, or what a test answers instead. */
type PickTarget = (defaultUri: vscode.Uri | undefined) => Thenable<vscode.Uri | undefined>;

export function annotationsViewCommands(
  deps: Deps,
  store: AnnotationStore,
  tree: AnnotationsTree,
  extensionUri: vscode.Uri,
  pickTarget: () => PickTarget | undefined = () => undefined,
): Command[] {
  const exportDeps: Export.ExportDeps = { store, host: () => deps.annotations.host, extensionUri, log: deps.log };
  return commandTable(ANNOTATIONS_VIEW_COMMANDS, {
    [Commands.revealAnnotationInternal]: async (target?: unknown) => {
      if (!isRevealTarget(target)) return;
      if (!(await deps.annotations.host?.reveal(target)))
        void vscode.window.showWarningMessage(vscode.l10n.t('This lesson could not be opened.'));
    },
    [Commands.deleteAnnotationInView]: (node?: AnnotationNode) =>
      reported(deps, vscode.l10n.t('Delete'), async () => {
        if (node?.kind !== 'annotation') return;
        if (!(await store.deleteAnnotation(node.lesson.ref, node.entry.id)))
          void vscode.window.showWarningMessage(
            vscode.l10n.t('The annotation was not deleted: its notes file is read-only or changed.'),
          );
      }),
    [Commands.filterAnnotations]: async () => {
      const text = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Show highlights and notes containing (quote or note; accents optional)'),
        value: tree.filterText,
      });
      if (text !== undefined) tree.setFilter(text);
    },
    [Commands.clearAnnotationsFilter]: () => tree.setFilter(''),
    [Commands.exportLessonWithNotes]: (node?: AnnotationNode) => {
      const ref = lessonOfCommand(deps, node);
      return (
        ref &&
        reported(deps, vscode.l10n.t('Export Lesson with Notes'), () =>
          exporter().exportLessonWithNotes(exportDeps, ref, pickTarget()),
        )
      );
    },
    [Commands.copyNotesAsMarkdown]: (node?: AnnotationNode) => {
      const ref = lessonOfCommand(deps, node);
      return (
        ref &&
        reported(deps, vscode.l10n.t('Copy Notes as Markdown'), () => exporter().copyNotesAsMarkdown(exportDeps, ref))
      );
    },
  });
}

/**
 * The Annotations view and its commands (export and copy included), every disposable on the context. Called by
 * the annotations feature's register() with its store.
 */
export function registerAnnotationsView(context: vscode.ExtensionContext, deps: Deps, store: AnnotationStore) {
  const tree = new AnnotationsTree({
    store,
    host: () => deps.annotations.host,
    log: deps.log,
    locale: () => deps.language(),
  });
  const view = vscode.window.createTreeView(AnnotationsViewIds.view, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  let answer: PickTarget | undefined;
  const table = annotationsViewCommands(deps, store, tree, context.extensionUri, () => answer);
  context.subscriptions.push(tree, view, registerCommands(table));
  return {
    tree,
    view,
    testing: {
      /** Answers Export Lesson with Notes' save dialog with `pick`; returns the function that undoes it. */
      answerSaveDialog(pick: PickTarget): () => void {
        answer = pick;
        return () => (answer = undefined);
      },
    },
  };
}

/** What the Annotations view gives the feature's API (integration tests). */
export type AnnotationsViewApi = ReturnType<typeof registerAnnotationsView>;

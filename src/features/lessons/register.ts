import * as vscode from 'vscode';
import { ProgressStore, SNIPPETS, type GlossaryMarkOptions } from '../../core/activation';
import { ContextKeys, StateKeys, Views, WebviewTypes } from '../../constants';
import { registerCommands } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { onDidChangeSettings } from '../shared/settings';
import { lessonCommands } from './commands';
import { CourseService } from './courseService';
import { LessonTreeProvider, type LessonNode } from './lessonTree';
import { LessonReader } from './reader';
import { QuizStore } from './quizStore';
import { ReaderQuizzes } from './readerQuizzes';
import { repairEncoding } from './repairEncoding';
import { StateWrites } from './stateWrites';
import { lessonUriHandler } from './uriHandler';

/** What other features and the integration tests may use. */
export interface LessonsApi {
  tree: LessonTreeProvider;
  treeView: vscode.TreeView<LessonNode>;
  reader: LessonReader;
  courses: CourseService;
  progress: ProgressStore;
  /** Answers to checked questions (tests wait on its writes and read its set-aside keys). */
  quizzes: QuizStore;
  /** Writes of progress and scroll positions: tests wait on its onDidWrite and start a session afresh. */
  stateWrites: StateWrites;
  /** Repair File Encoding without the confirmation dialog (tests). */
  repairEncoding(uri: vscode.Uri, options: { confirmed: true }): Promise<boolean>;
}

/** Sidebar tree, reader webview, progress and the lesson commands. */
export interface LessonsOptions {
  /** Glossary term marking for lesson text (from the glossary feature), and its change event. */
  glossaryMarking?: () => GlossaryMarkOptions | undefined;
  onDidChangeGlossary?: vscode.Event<unknown>;
}

/** The snippets a lesson's Run button may start: the catalogue's (core keeps it equal to what can run). */
const RUNNABLE = new Set(SNIPPETS.map((s) => s.id));

export function register(context: vscode.ExtensionContext, deps: Deps, options: LessonsOptions = {}): LessonsApi {
  const courses = new CourseService(deps);
  const progress = new ProgressStore(context.globalState, StateKeys.progress);
  const quizzes = new QuizStore(context.globalState, deps.log);
  const tree = new LessonTreeProvider(courses, progress, deps.annotations, quizzes);
  const treeView = vscode.window.createTreeView(Views.lessons, { treeDataProvider: tree, showCollapseAll: true });
  const stateWrites = new StateWrites(deps.log);
  const marking = options.glossaryMarking ?? (() => undefined);
  const readerQuizzes = new ReaderQuizzes(quizzes, deps.log);
  const reader = new LessonReader(
    context,
    deps,
    courses,
    progress,
    () => RUNNABLE,
    marking,
    stateWrites,
    readerQuizzes,
  );
  const describe = () => describeTree(treeView, courses, progress);
  void describe();

  context.subscriptions.push(
    courses,
    tree,
    treeView,
    reader,
    stateWrites,
    quizzes,
    courses.onDidChange(() => runAndLog(deps.log, 'update the lessons view', describe)),
    progress.onDidChange(() => runAndLog(deps.log, 'update the lessons view', describe)),
    reader.onDidChangeCurrent((w) =>
      runAndLog(deps.log, 'follow the reader in the tree', () => follow(tree, treeView, w)),
    ),
    onDidChangeSettings((change) => {
      if (change.affects('language', 'courseFolder')) {
        tree.refresh();
        void describe();
      }
    }),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.reader, {
      deserializeWebviewPanel: (panel, state) => reader.revive(panel, state),
    }),
    vscode.window.registerUriHandler(lessonUriHandler(deps.log, (target) => reader.show(target))),
    registerCommands(lessonCommands({ deps, courses, progress, reader, stateWrites })),
  );
  if (options.onDidChangeGlossary)
    context.subscriptions.push(
      options.onDidChangeGlossary(() =>
        runAndLog(deps.log, 'show the lesson with the new glossary', () => reader.rerender()),
      ),
    );

  return {
    tree,
    treeView,
    reader,
    courses,
    progress,
    quizzes,
    stateWrites,
    repairEncoding: (uri, o) => repairEncoding({ log: deps.log, courses, reader }, uri, o),
  };
}

/** The view's description ("3/12 read"), its message, and the context key for an empty course folder. */
async function describeTree(
  treeView: vscode.TreeView<LessonNode>,
  courses: CourseService,
  progress: ProgressStore,
): Promise<void> {
  const course = await courses.get();
  treeView.description = course.lessons.length
    ? vscode.l10n.t('{0}/{1} read', progress.countRead(course.lessons.map((l) => l.id)), course.lessons.length)
    : undefined;
  // A course folder without lessons gets the view's welcome content (viewsWelcome), which a message would hide.
  const folderEmpty = course.kind === 'folder' && !course.lessons.length;
  void vscode.commands.executeCommand('setContext', ContextKeys.courseFolderEmpty, folderEmpty);
  treeView.message =
    course.lessons.length || folderEmpty
      ? undefined
      : vscode.l10n.t('No lessons found in {0}.', course.root.toString(true));
}

/** The tree follows the reader: reveal the lesson (and section) being read. */
async function follow(
  tree: LessonTreeProvider,
  treeView: vscode.TreeView<LessonNode>,
  where: { lessonId: string; section?: string } | undefined,
): Promise<void> {
  if (!where || !treeView.visible) return;
  const node = where.section ? tree.sectionNode(where.lessonId, where.section) : tree.lessonNode(where.lessonId);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await treeView.reveal(node, { select: true, focus: false, expand: false });
      return;
    } catch {
      // The view may still be building its first nodes ("Data tree node not found"); try again shortly.
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

import * as vscode from 'vscode';
import { ProgressStore, type GlossaryMarkOptions } from '../../core/activation';
import { ContextKeys, StateKeys, Views, WebviewTypes } from '../../constants';
import { registerCommands, type Command } from '../shared/commands';
import type { Deps } from '../shared/deps';
import type { ReaderHost } from '../shared/annotationBridge';
import { runAndLog } from '../shared/errors';
import { sharedRenderService } from '../shared/render/sharedRenderService';
import { onDidChangeSettings } from '../shared/settings';
import { ui } from '../shared/ui';
import type * as Commands from './commands';
import { LESSONS_COMMANDS } from './commandIds';
import { CourseService } from './courseService';
import { LessonTreeProvider, type LessonNode } from './lessonTree';
import type { LessonReader } from './reader';
import type * as Body from './readerBody';
import { QuizStore } from './quizStore';
import { StateWrites } from './stateWrites';
import { lessonUriHandler } from './uriHandler';

// Loaded on first use (esbuild.js LAZY): the reader and what only it uses (dist/lazy-lessons-reader.js), and the
// commands' bodies with the pickers and Repair File Encoding (dist/lazy-lessons-commands.js).
/* eslint-disable @typescript-eslint/no-require-imports */
const loadBody = () => require('./readerBody') as typeof Body;
const loadCommands = () => require('./commands') as typeof Commands;
/* eslint-enable @typescript-eslint/no-require-imports */

/** What other features and the integration tests may use. */
export interface LessonsApi {
  tree: LessonTreeProvider;
  treeView: vscode.TreeView<LessonNode>;
  /** The reader (reading it loads it). */
  readonly reader: LessonReader;
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

export function register(context: vscode.ExtensionContext, deps: Deps, options: LessonsOptions = {}): LessonsApi {
  const parts = createParts(context, deps);
  const reader = lazyReader(context, deps, parts, options.glossaryMarking ?? (() => undefined));
  const shell = readerShell(reader);
  const command = lazyCommandTable(deps, parts, shell);
  const describe = () => describeTree(parts.treeView, parts.courses, parts.progress);
  void describe();
  context.subscriptions.push(...subscriptions(deps, parts, reader, describe, command));
  if (options.onDidChangeGlossary)
    context.subscriptions.push(
      options.onDidChangeGlossary(() =>
        runAndLog(deps.log, 'show the lesson with the new glossary', async () => {
          await reader.made()?.rerender();
        }),
      ),
    );
  return lessonsApi(deps, parts, reader, shell);
}

/** The services, stores and tree the feature makes at activation. */
interface LessonsParts {
  courses: CourseService;
  progress: ProgressStore;
  quizzes: QuizStore;
  tree: LessonTreeProvider;
  treeView: vscode.TreeView<LessonNode>;
  stateWrites: StateWrites;
}

function createParts(context: vscode.ExtensionContext, deps: Deps): LessonsParts {
  const courses = new CourseService(deps);
  const progress = new ProgressStore(context.globalState, StateKeys.progress);
  const quizzes = new QuizStore(context.globalState, deps.log);
  const tree = new LessonTreeProvider(courses, progress, deps.annotations, quizzes);
  const treeView = vscode.window.createTreeView(Views.lessons, { treeDataProvider: tree, showCollapseAll: true });
  const stateWrites = new StateWrites(deps.log);
  return { courses, progress, quizzes, tree, treeView, stateWrites };
}

/** The reader: `get` makes it on first use, `made` answers without making it. */
interface LazyReader {
  get(): LessonReader;
  made(): LessonReader | undefined;
}

// The reader is made on first use: a show, a revive after a reload, the URI handler, a command, the annotations
// feature's host, or a test reading api.reader. It then sets the bridge's host to its own.
function lazyReader(
  context: vscode.ExtensionContext,
  deps: Deps,
  parts: LessonsParts,
  glossaryMarking: () => GlossaryMarkOptions | undefined,
): LazyReader {
  const { courses, progress, quizzes, stateWrites, tree, treeView } = parts;
  let made: LessonReader | undefined;
  const get = (): LessonReader => {
    if (made) return made;
    made = loadBody().createReader(context, deps, {
      courses,
      progress,
      quizzes,
      stateWrites,
      glossaryMarking,
      renderService: sharedRenderService(context, deps),
      ui,
    });
    context.subscriptions.push(
      made,
      made.onDidChangeCurrent((w) =>
        runAndLog(deps.log, 'follow the reader in the tree', () => follow(tree, treeView, w)),
      ),
    );
    return made;
  };
  return { get, made: () => made };
}

/** What the commands see of the reader: the current lesson without making it, the rest makes it. */
function readerShell(reader: LazyReader): Commands.ReaderShell {
  return {
    get currentLesson() {
      return reader.made()?.currentLesson;
    },
    show: (target, opts) => reader.get().show(target, opts),
    typesetAllMath: () => reader.get().typesetAllMath(),
  };
}

/** The lesson commands' bodies by id, loaded on the first command. */
function lazyCommandTable(
  deps: Deps,
  parts: LessonsParts,
  shell: Commands.ReaderShell,
): (id: string) => Command['run'] {
  const { courses, progress, stateWrites } = parts;
  let commands: Map<string, Command['run']> | undefined;
  return (id) =>
    (commands ??= new Map(
      loadCommands()
        .lessonCommands({ deps, courses, progress, reader: shell, stateWrites, ui })
        .map((c) => [c.id, c.run]),
    )).get(id) as Command['run'];
}

/** Everything the feature disposes, in the order it is registered at activation. */
function subscriptions(
  deps: Deps,
  parts: LessonsParts,
  reader: LazyReader,
  describe: () => Promise<void>,
  command: (id: string) => Command['run'],
): vscode.Disposable[] {
  const { courses, progress, tree, treeView, stateWrites, quizzes } = parts;
  return [
    courses,
    tree,
    treeView,
    stateWrites,
    quizzes,
    deps.annotations.setReaderHost(readerHostShell(deps, reader.get)),
    courses.onDidChange(() => runAndLog(deps.log, 'update the lessons view', describe)),
    progress.onDidChange(() => runAndLog(deps.log, 'update the lessons view', describe)),
    onDidChangeSettings((change) => {
      if (change.affects('language', 'courseFolder')) {
        tree.refresh();
        void describe();
      }
    }),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.reader, {
      deserializeWebviewPanel: (panel, state) => reader.get().revive(panel, state),
    }),
    vscode.window.registerUriHandler(lessonUriHandler(deps.log, (target) => reader.get().show(target))),
    registerCommands(LESSONS_COMMANDS.map((id) => ({ id, run: (...args: never[]) => command(id)(...args) }))),
  ];
}

function lessonsApi(deps: Deps, parts: LessonsParts, reader: LazyReader, shell: Commands.ReaderShell): LessonsApi {
  const { tree, treeView, courses, progress, quizzes, stateWrites } = parts;
  return {
    tree,
    treeView,
    get reader() {
      return reader.get();
    },
    courses,
    progress,
    quizzes,
    stateWrites,
    repairEncoding: (uri, o) => loadCommands().repairEncoding({ log: deps.log, courses, reader: shell, ui }, uri, o),
  };
}

/**
 * The annotations feature's way to the reader before the reader is made: nothing is shown yet, and a reveal or a
 * load makes the reader, whose own host then replaces this one on the bridge.
 */
function readerHostShell(deps: Deps, reader: () => LessonReader): ReaderHost {
  const real = (): ReaderHost | undefined => {
    reader();
    const host = deps.annotations.host;
    return host === shell ? undefined : host;
  };
  const shell: ReaderHost = {
    current: () => undefined,
    post: () => false,
    reveal: (target) => real()?.reveal(target) ?? Promise.resolve(false),
    load: (lesson) => real()?.load(lesson) ?? Promise.resolve(undefined),
  };
  return shell;
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

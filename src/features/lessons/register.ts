import * as vscode from 'vscode';
import { ui } from '../shared/ui';
import {
  indexLessonText,
  ProgressStore,
  repairMojibake,
  safeDecodeURIComponent,
  searchSections,
  type GlossaryMarkOptions,
  type SearchableSection,
} from '../../core/activation';
import { Commands, ContextKeys, StateKeys, Views, WebviewTypes } from '../../constants';
import type { Deps, LessonLanguage } from '../shared/deps';
import { CourseService } from './courseService';
import { LessonTreeProvider, type LessonNode } from './lessonTree';
import { LessonReader, type LessonTarget } from './reader';
import { StateWrites } from './stateWrites';
import { errorMessage, runAndLog } from '../shared/errors';
import { hasWorkspaceValue, onDidChangeSettings, updateSetting, type SettingValues } from '../shared/settings';

/** What other features and the integration tests may use. */
export interface LessonsApi {
  tree: LessonTreeProvider;
  treeView: vscode.TreeView<LessonNode>;
  reader: LessonReader;
  courses: CourseService;
  progress: ProgressStore;
  /** Snippet ids that can run; the snippets feature adds its catalogue here. */
  runnableSnippets: Set<string>;
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
  const courses = new CourseService(deps);
  const progress = new ProgressStore(context.globalState, StateKeys.progress);
  const runnableSnippets = new Set<string>();
  const tree = new LessonTreeProvider(courses, progress);
  const treeView = vscode.window.createTreeView(Views.lessons, { treeDataProvider: tree, showCollapseAll: true });
  const stateWrites = new StateWrites(deps.log);
  const reader = new LessonReader(
    context,
    deps,
    courses,
    progress,
    () => runnableSnippets,
    options.glossaryMarking ?? (() => undefined),
    stateWrites,
  );
  if (options.onDidChangeGlossary)
    context.subscriptions.push(
      options.onDidChangeGlossary(() =>
        runAndLog(deps.log, 'show the lesson with the new glossary', () => reader.rerender()),
      ),
    );

  const updateDescription = async () => {
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
  };
  void updateDescription();

  /** The tree follows the reader: reveal the lesson (and section) being read. */
  const follow = async (where: { lessonId: string; section?: string } | undefined) => {
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
  };

  const targetOf = (arg: unknown): LessonTarget | undefined => {
    if (!arg || typeof arg !== 'object') return undefined;
    const a = arg as { kind?: string; lessonId?: unknown; section?: unknown; sectionId?: unknown; language?: unknown };
    if (typeof a.lessonId !== 'string') return undefined;
    const section =
      typeof a.section === 'string' ? a.section : typeof a.sectionId === 'string' ? a.sectionId : undefined;
    const language = a.language === 'vi' || a.language === 'en' ? a.language : undefined;
    return { lessonId: a.lessonId, section, language };
  };

  const step = async (delta: number) => {
    const course = await courses.get(reader.currentLesson?.language);
    if (!course.lessons.length) return;
    const i = course.lessons.findIndex((l) => l.id === reader.currentLesson?.lessonId);
    const j = i < 0 ? 0 : i + delta;
    if (j < 0 || j >= course.lessons.length) {
      void vscode.window.showInformationMessage(
        delta > 0
          ? vscode.l10n.t('This is the last lesson of the module.')
          : vscode.l10n.t('This is the first lesson of the module.'),
      );
      return;
    }
    await reader.show({ lessonId: course.lessons[j].id, language: course.language });
  };

  const openLessonPick = async () => {
    type Item = vscode.QuickPickItem & { target?: LessonTarget };
    const languages: LessonLanguage[] = deps.language() === 'vi' ? ['vi', 'en'] : ['en', 'vi'];
    const items: Item[] = [];
    for (const lang of languages) {
      const course = await courses.get(lang);
      items.push({ label: lang === 'vi' ? 'Tiếng Việt' : 'English', kind: vscode.QuickPickItemKind.Separator });
      for (const l of course.lessons) {
        items.push({
          label: `$(book) ${l.order}. ${l.title}`,
          description: l.minutes ? vscode.l10n.t('{0} min', l.minutes) : undefined,
          detail: l.summary,
          target: { lessonId: l.id, language: lang },
        });
        for (const s of l.sections) {
          items.push({
            label: `${s.level === 3 ? '\u2003\u2003' : '\u2003'}$(symbol-string) ${s.text}`,
            description: `${l.order}. ${l.title}`,
            target: { lessonId: l.id, section: s.id, language: lang },
          });
        }
      }
    }
    const pick = await vscode.window.showQuickPick(items, {
      placeHolder: vscode.l10n.t('Open a lesson or section (titles and headings in both languages)'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (pick?.target) await reader.show(pick.target);
  };

  /** One search index per loaded course (a reload makes a new course object). */
  const searchIndexes = new WeakMap<object, SearchableSection[]>();
  const searchPick = async () => {
    const lang = reader.currentLesson?.language ?? deps.language();
    const course = await courses.get(lang);
    let sections = searchIndexes.get(course);
    if (!sections) {
      sections = course.lessons.flatMap((l) =>
        indexLessonText(
          l.id,
          course.kind === 'shipped' ? `${l.order}. ${l.title}` : l.title,
          course.texts.get(l.path) ?? '',
        ),
      );
      searchIndexes.set(course, sections);
    }
    const index = sections;
    type Item = vscode.QuickPickItem & { target?: LessonTarget };
    const qp = vscode.window.createQuickPick<Item>();
    qp.placeholder = vscode.l10n.t('Search the text of all lessons');
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    const update = () => {
      const hits = searchSections(index, qp.value);
      qp.items = hits.map((h) => ({
        label: h.section.heading,
        description: h.section.lessonTitle,
        detail: h.excerpt,
        alwaysShow: true,
        target: { lessonId: h.section.lessonId, section: h.section.sectionId, language: lang },
      }));
    };
    const done = new Promise<Item | undefined>((resolve) => {
      qp.onDidChangeValue(update);
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    qp.show();
    const pick = await done;
    qp.dispose();
    if (pick?.target) await reader.show(pick.target);
  };

  const lessonLink = (target: LessonTarget) => deps.lessonLink(target);

  context.subscriptions.push(
    courses,
    tree,
    treeView,
    reader,
    courses.onDidChange(() => runAndLog(deps.log, 'update the lessons view', updateDescription)),
    progress.onDidChange(() => runAndLog(deps.log, 'update the lessons view', updateDescription)),
    reader.onDidChangeCurrent((w) => runAndLog(deps.log, 'follow the reader in the tree', () => follow(w))),
    onDidChangeSettings((change) => {
      if (change.affects('language', 'courseFolder')) {
        tree.refresh();
        void updateDescription();
      }
    }),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.reader, {
      deserializeWebviewPanel: (panel, state) => reader.revive(panel, state),
    }),
    vscode.window.registerUriHandler({
      // vscode://interp-lessons.interp-lessons/lesson/<id>#<section> (Copy Link) or /lesson?id=…&section=… (notes).
      handleUri: (uri) => {
        const m = /^\/lesson\/([^/]+)$/.exec(uri.path);
        const q = new URLSearchParams(uri.query);
        // A crafted link may hold a malformed escape: refused with a message (URLSearchParams turns one into U+FFFD).
        const lessonId = m ? safeDecodeURIComponent(m[1]) : uri.path === '/lesson' ? q.get('id') : null;
        const section = (m ? uri.fragment : q.get('section')) || undefined;
        if (lessonId && lessonId.length <= 300 && !lessonId.includes('\uFFFD'))
          runAndLog(deps.log, `open ${uri.toString(true)}`, reader.show({ lessonId, section }));
        else if (lessonId !== null) {
          deps.log.warn(`lesson link refused: ${uri.toString(true)} does not name a lesson`);
          void ui.showWarningMessage(
            vscode.l10n.t('This link does not lead to a lesson in this course: {0}', uri.toString(true)),
          );
        }
      },
    }),
    vscode.commands.registerCommand(Commands.showLesson, (arg: unknown) => {
      const t = targetOf(arg);
      return t ? reader.show(t) : openLessonPick();
    }),
    vscode.commands.registerCommand(Commands.openLesson, (arg?: unknown) => {
      const t = targetOf(arg);
      return t ? reader.show(t) : openLessonPick();
    }),
    vscode.commands.registerCommand(Commands.openLessonToSide, (arg?: unknown) => {
      const t = targetOf(arg) ?? (reader.currentLesson && { lessonId: reader.currentLesson.lessonId });
      return t ? reader.show(t, { column: vscode.ViewColumn.Beside }) : openLessonPick();
    }),
    vscode.commands.registerCommand(Commands.nextLesson, () => step(1)),
    vscode.commands.registerCommand(Commands.previousLesson, () => step(-1)),
    vscode.commands.registerCommand(Commands.searchLessons, searchPick),
    vscode.commands.registerCommand(Commands.resetProgress, async () => {
      const yes = vscode.l10n.t('Reset');
      const answer = await ui.showWarningMessage(
        vscode.l10n.t('Reset your reading progress for all lessons?'),
        { modal: true },
        yes,
      );
      if (answer === yes) await stateWrites.run('reset', () => progress.reset(), { userAsked: true });
    }),
    vscode.commands.registerCommand(Commands.switchLanguage, async () => {
      const items: { label: string; value: SettingValues['language'] }[] = [
        { label: 'Tiếng Việt', value: 'vi' },
        { label: 'English', value: 'en' },
        { label: vscode.l10n.t("Follow VS Code's display language"), value: 'auto' },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Language of the lessons') });
      if (pick) await updateSetting('language', pick.value);
    }),
    vscode.commands.registerCommand(Commands.markRead, (node?: LessonNode) => {
      const id = node && 'lessonId' in node ? node.lessonId : reader.currentLesson?.lessonId;
      return id ? stateWrites.run(id, () => progress.set(id, 'read'), { userAsked: true }) : undefined;
    }),
    vscode.commands.registerCommand(Commands.markUnread, (node?: LessonNode) => {
      const id = node && 'lessonId' in node ? node.lessonId : reader.currentLesson?.lessonId;
      return id ? stateWrites.run(id, () => progress.set(id, 'unread'), { userAsked: true }) : undefined;
    }),
    vscode.commands.registerCommand(Commands.copyLink, async (node?: LessonNode) => {
      const t =
        node && 'lessonId' in node
          ? { lessonId: node.lessonId, section: node.kind === 'section' ? node.sectionId : undefined }
          : reader.currentLesson;
      if (!t) return;
      const link = lessonLink(t);
      await vscode.env.clipboard.writeText(link);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', link), 3000);
      return link;
    }),
    vscode.commands.registerCommand(Commands.openLessonSource, async (node?: LessonNode) => {
      const id = node && 'lessonId' in node ? node.lessonId : reader.currentLesson?.lessonId;
      const course = await courses.get(reader.currentLesson?.language);
      const lesson = course.lessons.find((l) => l.id === id) ?? course.lessons[0];
      if (!lesson) return;
      const doc = await vscode.workspace.openTextDocument(courses.uriOf(course, lesson));
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
    vscode.commands.registerCommand(Commands.refreshLessons, () => courses.refresh()),
    vscode.commands.registerCommand(Commands.openCourseFolder, async (uri?: vscode.Uri) => {
      const folder =
        uri instanceof vscode.Uri
          ? uri
          : (
              await vscode.window.showOpenDialog({
                canSelectFolders: true,
                canSelectFiles: false,
                canSelectMany: false,
                openLabel: vscode.l10n.t('Read This Course'),
                title: vscode.l10n.t('Open Course Folder'),
                defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
              })
            )?.[0];
      if (!folder) return;
      const value = folder.scheme === 'file' ? folder.fsPath : folder.toString();
      await updateSetting('courseFolder', value);
      await vscode.commands.executeCommand(`${Views.lessons}.focus`);
    }),
    vscode.commands.registerCommand(Commands.closeCourseFolder, async () => {
      await updateSetting('courseFolder', undefined);
      if (hasWorkspaceValue('courseFolder'))
        await updateSetting('courseFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }),
    vscode.commands.registerCommand(Commands.repairEncoding, (uri?: vscode.Uri) => repairEncoding(uri)),
    vscode.commands.registerCommand(Commands.typesetAllMath, () => reader.typesetAllMath()),
  );

  /** Writes the repaired text of a damaged file after confirmation, keeping a backup; undoable in the editor. */
  async function repairEncoding(arg?: vscode.Uri, options: { confirmed?: boolean } = {}): Promise<boolean> {
    let uri = arg instanceof vscode.Uri ? arg : undefined;
    if (!uri && vscode.window.activeTextEditor?.document.languageId === 'markdown')
      uri = vscode.window.activeTextEditor.document.uri;
    if (!uri && reader.currentLesson) {
      const course = await courses.get(reader.currentLesson.language);
      const lesson = course.pages.find((l) => l.id === reader.currentLesson?.lessonId);
      if (lesson) uri = courses.uriOf(course, lesson);
    }
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
    let backup = uri.with({ path: `${uri.path}.bak` });
    for (let i = 2; await exists(backup); i++) backup = uri.with({ path: `${uri.path}.bak${i}` });
    const backupName = backup.path.split('/').pop() ?? '';
    const yes = vscode.l10n.t('Repair');
    const answer = options.confirmed
      ? yes
      : await ui.showWarningMessage(
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
    if (answer !== yes) return false;
    // The backup first, checked by reading it back: the file is touched only once a whole copy exists.
    try {
      const original = await vscode.workspace.fs.readFile(uri);
      await vscode.workspace.fs.writeFile(backup, original);
      const copy = await vscode.workspace.fs.readFile(backup);
      if (copy.length !== original.length || copy.some((b, i) => b !== original[i]))
        throw new Error(vscode.l10n.t('the backup reads back different from the original'));
    } catch (e) {
      const message = vscode.l10n.t(
        'Could not write the backup {0} ({1}); {2} was not changed.',
        backupName,
        errorMessage(e),
        name,
      );
      deps.log.error(`repair ${uri.toString(true)}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text);
    let saved = false;
    let why = '';
    try {
      saved = (await vscode.workspace.applyEdit(edit)) && (await doc.save());
    } catch (e) {
      why = errorMessage(e);
    }
    if (!saved) {
      const message = vscode.l10n.t('Could not write {0}; the backup {1} is kept.', name, backupName);
      deps.log.error(`repair ${uri.toString(true)}: ${message}${why ? ` (${why})` : ''}`);
      void vscode.window.showErrorMessage(message);
      return false;
    }
    deps.log.info(
      `repaired ${uri.toString(true)}: ${result.restored} spots, ${result.unresolved.length} uncertain; backup ${backupName}`,
    );
    // Show the repaired file so the change can be checked and undone (Ctrl+Z) right there.
    await vscode.window.showTextDocument(doc, { preview: false });
    courses.refresh();
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

  async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }
  return { tree, treeView, reader, courses, progress, runnableSnippets, repairEncoding };
}

import * as vscode from 'vscode';
import type { ProgressStore } from '../../core/activation';
import { Commands, Views } from '../../constants';
import { commandTable, type Command } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { hasWorkspaceValue, updateSetting } from '../shared/settings';
import { LESSONS_COMMANDS } from './commandIds';
import type { CourseService } from './courseService';
import type { LessonNode } from './lessonTree';
import { pickLesson, pickLessonLanguage, searchLessons } from './pickers';
import type { LessonReader, LessonTarget } from './reader';
import { repairEncoding } from './repairEncoding';
import type { Ui } from './readerNotices';
import type { StateWrites } from './stateWrites';

// register.ts loads this file (the commands' bodies, the pickers, Repair File Encoding) on the first command:
// dist/lazy-lessons-commands.js (esbuild.js LAZY). The API's repairEncoding reaches it here too.
export { repairEncoding } from './repairEncoding';

/** The reader as the commands use it: register.ts's shell, which loads the reader on a show. */
export type ReaderShell = Pick<LessonReader, 'currentLesson' | 'show' | 'typesetAllMath'>;

/** The services the lesson commands act on. */
export interface LessonCommandDeps {
  deps: Deps;
  courses: CourseService;
  progress: ProgressStore;
  reader: ReaderShell;
  stateWrites: StateWrites;
  /** The extension's `ui` (tests replace its methods), passed in: this file is loaded lazily, with its own copies. */
  ui: Ui;
}

/** The lesson target a command argument names (`{ lessonId, section? | sectionId?, language? }`), if any. */
export function targetOf(arg: unknown): LessonTarget | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { lessonId?: unknown; section?: unknown; sectionId?: unknown; language?: unknown };
  if (typeof a.lessonId !== 'string') return undefined;
  const section = typeof a.section === 'string' ? a.section : typeof a.sectionId === 'string' ? a.sectionId : undefined;
  const language = a.language === 'vi' || a.language === 'en' ? a.language : undefined;
  return { lessonId: a.lessonId, section, language };
}

/** The lesson a tree item names, else the one in the reader. */
function lessonIdOf(node: LessonNode | undefined, reader: ReaderShell): string | undefined {
  return node && 'lessonId' in node ? node.lessonId : reader.currentLesson?.lessonId;
}

/** The lessons feature's command table (ids in commandIds.ts). */
export function lessonCommands(c: LessonCommandDeps): Command[] {
  const { deps, courses, progress, reader, stateWrites } = c;
  const openPicked = async () => {
    const target = await pickLesson(courses, deps.language());
    if (target) await reader.show(target);
  };
  const open = (arg?: unknown) => {
    const t = targetOf(arg);
    return t ? reader.show(t) : openPicked();
  };
  const mark = (state: 'read' | 'unread') => (node?: LessonNode) => {
    const id = lessonIdOf(node, reader);
    return id ? stateWrites.run(id, () => progress.set(id, state), { userAsked: true }) : undefined;
  };
  return commandTable(LESSONS_COMMANDS, {
    [Commands.showLesson]: open,
    [Commands.openLesson]: open,
    [Commands.openLessonToSide]: (arg?: unknown) => {
      const t = targetOf(arg) ?? (reader.currentLesson && { lessonId: reader.currentLesson.lessonId });
      return t ? reader.show(t, { column: vscode.ViewColumn.Beside }) : openPicked();
    },
    [Commands.nextLesson]: () => step(c, 1),
    [Commands.previousLesson]: () => step(c, -1),
    [Commands.searchLessons]: async () => {
      const target = await searchLessons(courses, reader.currentLesson?.language ?? deps.language());
      if (target) await reader.show(target);
    },
    [Commands.resetProgress]: () => resetProgress(c),
    [Commands.switchLanguage]: async () => {
      const value = await pickLessonLanguage();
      if (value) await updateSetting('language', value);
    },
    [Commands.markRead]: mark('read'),
    [Commands.markUnread]: mark('unread'),
    [Commands.copyLink]: (node?: LessonNode) => copyLink(c, node),
    [Commands.openLessonSource]: (node?: LessonNode) => openLessonSource(c, node),
    [Commands.refreshLessons]: () => courses.refresh(),
    [Commands.openCourseFolder]: openCourseFolder,
    [Commands.closeCourseFolder]: async () => {
      await updateSetting('courseFolder', undefined);
      if (hasWorkspaceValue('courseFolder'))
        await updateSetting('courseFolder', undefined, vscode.ConfigurationTarget.Workspace);
    },
    [Commands.repairEncoding]: (uri?: unknown) => repairEncoding({ log: deps.log, courses, reader, ui: c.ui }, uri),
    [Commands.typesetAllMath]: () => reader.typesetAllMath(),
  });
}

/** Next/Previous Lesson: the neighbour in the course order, or a message at either end. */
async function step({ courses, reader }: LessonCommandDeps, delta: number): Promise<void> {
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
}

async function resetProgress({ progress, stateWrites, ui }: LessonCommandDeps): Promise<void> {
  const yes = vscode.l10n.t('Reset');
  const answer = await ui.showWarningMessage(
    vscode.l10n.t('Reset your reading progress for all lessons?'),
    { modal: true },
    yes,
  );
  if (answer === yes) await stateWrites.run('reset', () => progress.reset(), { userAsked: true });
}

async function copyLink({ deps, reader }: LessonCommandDeps, node?: LessonNode): Promise<string | undefined> {
  const t =
    node && 'lessonId' in node
      ? { lessonId: node.lessonId, section: node.kind === 'section' ? node.sectionId : undefined }
      : reader.currentLesson;
  if (!t) return;
  const link = deps.lessonLink(t);
  await vscode.env.clipboard.writeText(link);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', link), 3000);
  return link;
}

async function openLessonSource({ courses, reader }: LessonCommandDeps, node?: LessonNode): Promise<void> {
  const id = lessonIdOf(node, reader);
  const course = await courses.get(reader.currentLesson?.language);
  const lesson = course.lessons.find((l) => l.id === id) ?? course.lessons[0];
  if (!lesson) return;
  const doc = await vscode.workspace.openTextDocument(courses.uriOf(course, lesson));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** Open Course Folder…: the folder given (Explorer's context menu), else one the user picks. */
async function openCourseFolder(uri?: unknown): Promise<void> {
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
  await updateSetting('courseFolder', folder.scheme === 'file' ? folder.fsPath : folder.toString());
  await vscode.commands.executeCommand(`${Views.lessons}.focus`);
}

import * as vscode from 'vscode';
import { parseCourse, type Course, type CourseLesson } from '../../core';
import type { Deps, LessonLanguage } from '../shared/deps';

/** Files bigger than this are listed but not read (a clear message instead of a stalled host). */
export const MAX_LESSON_BYTES = 8 * 1024 * 1024;

export interface LoadedCourse extends Course {
  language: LessonLanguage;
  /** Folder the lesson paths are relative to. */
  root: vscode.Uri;
  /** Lesson text by path; missing when the file could not be read (see problems). */
  texts: Map<string, string>;
}

/** Decodes lesson bytes: UTF-8, else a clear message (no silent mojibake). */
export function decodeLesson(bytes: Uint8Array): { text?: string; problem?: string } {
  if (bytes.length > MAX_LESSON_BYTES) return { problem: vscode.l10n.t('the file is larger than {0} MB', MAX_LESSON_BYTES / 1024 / 1024) };
  if (bytes.subarray(0, 8000).includes(0)) return { problem: vscode.l10n.t('the file looks binary, not markdown') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC') };
  } catch {
    return { problem: vscode.l10n.t('the file is not valid UTF-8 (save it as UTF-8)') };
  }
}

/**
 * The shipped course in each language: reads lessons/<lang>/*.md once, keeps the texts, and reloads
 * when a lesson file changes on disk (course authors edit them while reading).
 */
export class CourseService implements vscode.Disposable {
  private readonly courses = new Map<LessonLanguage, Promise<LoadedCourse>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: Deps) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(deps.lessonsUri, '**/*.md'));
    const invalidate = (uri: vscode.Uri | undefined) => {
      this.courses.clear();
      this.changed.fire(uri);
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete(invalidate),
      this.changed,
    );
  }

  rootFor(language: LessonLanguage): vscode.Uri {
    return vscode.Uri.joinPath(this.deps.lessonsUri, language);
  }

  /** Drops cached courses so the next request reads the files again. */
  refresh(): void {
    this.courses.clear();
    this.changed.fire(undefined);
  }

  get(language: LessonLanguage = this.deps.language()): Promise<LoadedCourse> {
    let p = this.courses.get(language);
    if (!p) {
      p = this.load(language);
      this.courses.set(language, p);
    }
    return p;
  }

  uriOf(course: LoadedCourse, lesson: CourseLesson): vscode.Uri {
    return vscode.Uri.joinPath(course.root, ...lesson.path.split('/'));
  }

  private async load(language: LessonLanguage): Promise<LoadedCourse> {
    const root = this.rootFor(language);
    const texts = new Map<string, string>();
    const problems: string[] = [];
    let names: string[] = [];
    try {
      names = (await vscode.workspace.fs.readDirectory(root))
        .filter(([n, t]) => (t & vscode.FileType.File) !== 0 && n.toLowerCase().endsWith('.md'))
        .map(([n]) => n);
    } catch (e) {
      problems.push(vscode.l10n.t('Cannot read the lessons folder {0}: {1}', root.fsPath, (e as Error).message));
    }
    const files: { path: string; text: string }[] = [];
    await Promise.all(names.map(async (name) => {
      try {
        const decoded = decodeLesson(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name)));
        if (decoded.text === undefined) {
          problems.push(`${name}: ${decoded.problem}`);
          files.push({ path: name, text: '' });
        } else {
          texts.set(name, decoded.text);
          files.push({ path: name, text: decoded.text });
        }
      } catch (e) {
        problems.push(`${name}: ${(e as Error).message}`);
      }
    }));
    const course = parseCourse(files);
    const all = [...problems, ...course.problems, ...course.lessons.flatMap((l) => l.problems)];
    for (const p of all) this.deps.log.warn(p);
    return { ...course, problems: all, language, root, texts };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

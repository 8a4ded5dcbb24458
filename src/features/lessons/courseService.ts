import * as vscode from 'vscode';
import {
  decodeLessonBytes,
  MAX_LESSON_BYTES,
  type FigureFile,
  parseCourse,
  parseCourseFolder,
  repairMojibake,
  type CourseLesson,
  type CourseModule,
  type MojibakeRepair,
} from '../../core/activation';
import type { Deps, LessonLanguage } from '../shared/deps';
import { onDidChangeSettings, setting } from '../shared/settings';
import { FigureReads } from './figureReads';
import { readShippedDirectory } from '../shared/platform/shippedFiles.node';

/** A course folder is listed to this depth and this many markdown files at most. */
const MAX_DEPTH = 4;
const MAX_FILES = 5000;
/**
 * Cheap pre-check before the real detector: UTF-8 read as Windows-1252/1254 turns every multi-byte
 * letter into a lead character (Â…ô) followed by a continuation character (Latin-1 0xA0–0xBF or a
 * code-page punctuation sign). Clean text rarely has such pairs; the detector decides.
 */
const MAYBE_MOJIBAKE =
  /[\u00c2-\u00f4][\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode', 'dist', 'out', '.venv', '__pycache__']);

export interface LoadedCourse {
  kind: 'shipped' | 'folder';
  language: LessonLanguage;
  /** Folder the lesson paths are relative to. */
  root: vscode.Uri;
  modules: CourseModule[];
  /** Lessons of all modules in reading order (what progress, next and previous count). */
  lessons: CourseLesson[];
  /** Lessons plus module index pages: everything the reader can show and links can reach. */
  pages: CourseLesson[];
  /** Text by path (repaired where the encoding was damaged); missing when the file could not be read. */
  texts: Map<string, string>;
  /** Encoding repairs by path, for the banner and the Repair File Encoding command. */
  repairs: Map<string, MojibakeRepair>;
  problems: string[];
}

/** Decodes lesson bytes (core decides: UTF-8 or a reason), else a clear message (no silent mojibake). */
export function decodeLesson(bytes: Uint8Array): { text?: string; problem?: string } {
  const r = decodeLessonBytes(bytes, MAX_LESSON_BYTES);
  if ('text' in r) return { text: r.text };
  switch (r.problem) {
    case 'tooLarge':
      return { problem: vscode.l10n.t('the file is larger than {0} MB', MAX_LESSON_BYTES / 1024 / 1024) };
    case 'binary':
      return { problem: vscode.l10n.t('the file looks binary, not markdown') };
    case 'notUtf8':
      return { problem: vscode.l10n.t('the file is not valid UTF-8 (save it as UTF-8)') };
  }
}

/** `interpLessons.courseFolder`: an absolute path, a path relative to the first workspace folder, or a URI. */
export function courseFolderUri(setting: string | undefined): vscode.Uri | undefined {
  const value = setting?.trim();
  if (!value) return undefined;
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(value)) return vscode.Uri.parse(value);
  if (value.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(value) || value.startsWith('\\\\')) return vscode.Uri.file(value);
  const ws = vscode.workspace.workspaceFolders?.[0];
  return ws ? vscode.Uri.joinPath(ws.uri, ...value.split(/[\\/]+/)) : undefined;
}

/**
 * The course being read: the shipped lessons in the chosen language, or the user's own course folder
 * (`interpLessons.courseFolder`). Reads the files once, keeps their text, repairs damaged encodings,
 * and reloads when a file changes on disk.
 */
export class CourseService implements vscode.Disposable {
  private readonly courses = new Map<string, Promise<LoadedCourse>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private folderWatcher: vscode.Disposable[] = [];
  private readonly figures: FigureReads;

  constructor(private readonly deps: Deps) {
    this.figures = new FigureReads(deps);
    this.disposables.push(this.watch(deps.lessonsUri), this.changed);
    this.disposables.push(
      onDidChangeSettings((change) => {
        if (change.affects('courseFolder')) {
          this.watchFolder();
          this.refresh();
        }
      }),
    );
    this.watchFolder();
  }

  private watch(base: vscode.Uri): vscode.Disposable {
    // Figures too (*.svg): a changed figure renders its lessons again.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, '**/*.{md,svg}'));
    const invalidate = (uri: vscode.Uri) => {
      this.courses.clear();
      this.changed.fire(uri);
    };
    return vscode.Disposable.from(
      watcher,
      watcher.onDidChange(invalidate),
      watcher.onDidCreate(invalidate),
      watcher.onDidDelete(invalidate),
    );
  }

  private watchFolder(): void {
    for (const d of this.folderWatcher) d.dispose();
    const folder = this.folder();
    this.folderWatcher = folder ? [this.watch(folder)] : [];
  }

  /** The user's course folder, when one is set. */
  folder(): vscode.Uri | undefined {
    return courseFolderUri(setting('courseFolder'));
  }

  rootFor(language: LessonLanguage): vscode.Uri {
    return this.folder() ?? vscode.Uri.joinPath(this.deps.lessonsUri, language);
  }

  /** Drops cached courses so the next request reads the files again. */
  refresh(): void {
    this.courses.clear();
    this.changed.fire(undefined);
  }

  get(language: LessonLanguage = this.deps.language()): Promise<LoadedCourse> {
    const folder = this.folder();
    return folder
      ? this.cached(`folder:${folder.toString()}`, () => this.loadFolder(folder, language))
      : this.shipped(language);
  }

  /** The shipped lessons in a language, also while a course folder is open (their annotations are still listed). */
  shipped(language: LessonLanguage): Promise<LoadedCourse> {
    return this.cached(`shipped:${language}`, () => this.loadShipped(language));
  }

  private cached(key: string, load: () => Promise<LoadedCourse>): Promise<LoadedCourse> {
    let p = this.courses.get(key);
    if (!p) this.courses.set(key, (p = load()));
    return p;
  }

  /**
   * The figure files a lesson's text references, read for the renderer (RenderOptions.figures), by reference as
   * written (FigureReads.figuresFor says from where and how).
   */
  figuresFor(course: LoadedCourse, lessonPath: string, text: string): Promise<Record<string, FigureFile>> {
    return this.figures.figuresFor(course, lessonPath, text);
  }

  uriOf(course: LoadedCourse, lesson: CourseLesson): vscode.Uri {
    return vscode.Uri.joinPath(course.root, ...lesson.path.split('/'));
  }

  private async readAll(
    root: vscode.Uri,
    paths: string[],
    repair: boolean,
  ): Promise<{
    files: { path: string; text: string }[];
    texts: Map<string, string>;
    repairs: Map<string, MojibakeRepair>;
    problems: string[];
  }> {
    const texts = new Map<string, string>();
    const repairs = new Map<string, MojibakeRepair>();
    const problems: string[] = [];
    const files: { path: string; text: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const path = paths[next++];
        try {
          const decoded = decodeLesson(
            await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...path.split('/'))),
          );
          if (decoded.text === undefined) {
            problems.push(`${path}: ${decoded.problem}`);
            files.push({ path, text: '' });
            continue;
          }
          let text = decoded.text;
          if (repair && MAYBE_MOJIBAKE.test(text)) {
            const r = repairMojibake(text);
            if (r.repaired) {
              repairs.set(path, r);
              text = r.text;
              this.deps.log.warn(
                vscode.l10n.t(
                  '{0}: encoding damaged; {1} spots repaired, {2} uncertain',
                  path,
                  r.restored,
                  r.unresolved.length,
                ),
              );
            }
          }
          text = text.normalize('NFC');
          texts.set(path, text);
          files.push({ path, text });
        } catch (e) {
          problems.push(`${path}: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, paths.length) }, worker));
    return { files, texts, repairs, problems };
  }

  private async loadShipped(language: LessonLanguage): Promise<LoadedCourse> {
    const root = vscode.Uri.joinPath(this.deps.lessonsUri, language);
    const problems: string[] = [];
    let names: string[] = [];
    try {
      names = (await readShippedDirectory(root))
        .filter(([n, t]) => (t & vscode.FileType.File) !== 0 && n.toLowerCase().endsWith('.md'))
        .map(([n]) => n);
    } catch (e) {
      problems.push(
        vscode.l10n.t('Cannot read the lessons folder {0}: {1}', root.toString(true), (e as Error).message),
      );
    }
    const read = await this.readAll(root, names, false);
    const course = parseCourse(read.files);
    const module: CourseModule = {
      path: '',
      title: vscode.l10n.t('Module 15: Mechanistic interpretability'),
      lessons: course.lessons,
    };
    return this.finish({
      kind: 'shipped',
      language,
      root,
      modules: [module],
      lessons: course.lessons,
      pages: course.lessons,
      texts: read.texts,
      repairs: read.repairs,
      problems: [...problems, ...read.problems, ...course.problems],
    });
  }

  private async loadFolder(root: vscode.Uri, language: LessonLanguage): Promise<LoadedCourse> {
    const problems: string[] = [];
    const paths: string[] = [];
    const walk = async (dir: vscode.Uri, rel: string, depth: number): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch (e) {
        problems.push(
          vscode.l10n.t('Cannot read the course folder {0}: {1}', dir.toString(true), (e as Error).message),
        );
        return;
      }
      for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
        if (paths.length >= MAX_FILES) return;
        const p = rel ? `${rel}/${name}` : name;
        if ((type & vscode.FileType.Directory) !== 0) {
          if (depth < MAX_DEPTH && !SKIP_DIRS.has(name) && !name.startsWith('.'))
            await walk(vscode.Uri.joinPath(dir, name), p, depth + 1);
        } else if (name.toLowerCase().endsWith('.md') && !/^readme\.md$/i.test(name)) paths.push(p);
      }
    };
    await walk(root, '', 0);
    if (paths.length >= MAX_FILES)
      problems.push(
        vscode.l10n.t('The course folder has more than {0} markdown files; only the first {0} are shown.', MAX_FILES),
      );
    const read = await this.readAll(root, paths, true);
    const folder = parseCourseFolder(read.files);
    const indexPages: CourseLesson[] = folder.modules
      .filter((m) => m.indexPath)
      .map((m) => ({
        id: m.indexPath!.replace(/\.md$/i, ''),
        path: m.indexPath!,
        title: m.title,
        order: 0,
        sections: [],
        problems: [],
      }));
    return this.finish({
      kind: 'folder',
      language,
      root,
      modules: folder.modules,
      lessons: folder.lessons,
      pages: [...folder.lessons, ...indexPages],
      texts: read.texts,
      repairs: read.repairs,
      problems: [...problems, ...read.problems, ...folder.problems],
    });
  }

  private finish(course: LoadedCourse): LoadedCourse {
    course.problems.push(...course.lessons.flatMap((l) => l.problems));
    for (const p of course.problems) this.deps.log.warn(p);
    return course;
  }

  dispose(): void {
    for (const d of [...this.disposables, ...this.folderWatcher]) d.dispose();
  }
}

// The annotations as the user's notes files hold them: read (the open document's text when there is one, so
// unsaved edits count), parsed by core, cached, and announced when a file changes by any means.
import * as vscode from 'vscode';
import {
  anchorAnnotations,
  parseNotesFile,
  type NotesEntry,
  type NotesFile,
  type TextRange,
} from '../../core/activation';
import type { AnnotatableLesson, LessonRef, ReaderHost } from '../shared/annotationBridge';
import type { LessonLanguage, Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';
import type { NotesLocation } from './notesLocation';
import { folderName, refFromNotesPath, refKey, type NotesPlace } from './notesPaths';
import { listNotesFiles, readNotesText } from './notesText';

/** One lesson's notes file and what it holds now. */
export interface LessonNotes {
  ref: LessonRef;
  uri: vscode.Uri;
  entries: readonly NotesEntry[];
  /** Written by a newer format version: shown, never edited by the extension. */
  readOnly: boolean;
}

/** An entry and where it lies in the lesson's plain text now; an undefined range is an orphan. */
export interface AnchoredEntry {
  entry: NotesEntry;
  range: TextRange | undefined;
}

/** What the Annotations view, export and the reader's controller read annotations through. */
export interface AnnotationStore {
  /** A notes file changed (typing, saving, another tool, the setting); undefined: anything may have changed. */
  readonly onDidChange: vscode.Event<LessonRef | undefined>;
  /** Every notes file in the notes folder (and in global storage while notes remain there). */
  all(): Promise<LessonNotes[]>;
  forLesson(ref: LessonRef): Promise<LessonNotes>;
  /** The lesson's entries anchored on its plain text now (the text through the reader host's load()). */
  anchored(ref: LessonRef): Promise<AnchoredEntry[]>;
  /** Deletes the entry as a saved editor edit; false when there was none or the file may not be edited. */
  deleteAnnotation(ref: LessonRef, id: string): Promise<boolean>;
  /** The lesson's notes file in the notes folder in use now (it may not exist yet). */
  notesUri(ref: LessonRef): vscode.Uri;
}

/** A notes file as read: its text (undefined: no such file) and what core made of it. */
export interface ParsedNotes {
  uri: vscode.Uri;
  text: string | undefined;
  file: NotesFile;
}

export interface NotesStoreOptions {
  location: NotesLocation;
  log: Log;
  extensionId: string;
  language: () => LessonLanguage;
  host: () => ReaderHost | undefined;
  /** The course folder setting now (its last segment names the course's notes folder). */
  courseFolderSetting: () => string;
  /** Deletes an entry (edits.ts); the store only reads. */
  deleteEntry: (uri: vscode.Uri, id: string) => Promise<boolean>;
}

const EMPTY: NotesFile = { entries: [], diagnostics: [], readOnly: false };

export class NotesStore implements AnnotationStore, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LessonRef | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, Promise<ParsedNotes>>();
  /** Lesson paths learned from the reader and the notes folder: a shipped lesson's id is not its file name. */
  private readonly places = new Map<string, NotesPlace>();
  /** The lesson each notes file read so far is about (what a change of that file fires). */
  private readonly refs = new Map<string, LessonRef>();
  private readonly counts = new Map<string, number>();
  private readonly countsChanged = new vscode.EventEmitter<void>();
  /** The annotation counts changed (the lessons tree's descriptions). */
  readonly onDidChangeCounts = this.countsChanged.event;
  private lastCourseFolderName: string | undefined;
  private scanning: Promise<unknown> | undefined;
  /** Bumped per file when it changes, so a read that finishes after the change does not publish stale diagnostics. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly options: NotesStoreOptions,
    private readonly diagnostics: vscode.DiagnosticCollection,
  ) {}

  /** The reader showed a lesson: its path and course root decide its notes file. */
  remember(lesson: AnnotatableLesson): void {
    const courseFolderName = lesson.course === 'folder' ? folderName(lesson.courseRoot.path) : undefined;
    if (courseFolderName) this.lastCourseFolderName = courseFolderName;
    this.places.set(refKey(lesson), {
      course: lesson.course,
      language: lesson.language,
      courseFolderName,
      path: lesson.path,
    });
  }

  notesUri(ref: LessonRef): vscode.Uri {
    // A lesson that carries its path is its own answer (no guess, whatever was learned before).
    if (isAnnotatable(ref)) this.remember(ref);
    return this.options.location.uriFor(this.placeOf(ref));
  }

  async forLesson(ref: LessonRef): Promise<LessonNotes> {
    await this.learnPlace(ref);
    const uri = this.notesUri(ref);
    this.refs.set(uri.toString(), ref);
    const parsed = await this.read(uri);
    return { ref, uri, entries: parsed.file.entries, readOnly: parsed.file.readOnly };
  }

  async anchored(ref: LessonRef): Promise<AnchoredEntry[]> {
    const notes = await this.forLesson(ref);
    if (notes.entries.length === 0) return [];
    const host = this.options.host();
    const current = host?.current();
    const lesson = current && refKey(current) === refKey(ref) ? current : await host?.load(ref);
    return anchorEntries(notes.entries, lesson?.plainText());
  }

  deleteAnnotation(ref: LessonRef, id: string): Promise<boolean> {
    return this.options.deleteEntry(this.notesUri(ref), id);
  }

  async all(): Promise<LessonNotes[]> {
    const out: LessonNotes[] = [];
    for (const root of this.options.location.all) {
      for (const { uri, segments } of await listNotesFiles(root, this.options.log)) {
        const parsed = await this.read(uri);
        const ref = refFromNotesPath(segments, parsed.text ?? '', {
          extensionId: this.options.extensionId,
          courseFolderName: this.courseFolderName(),
          language: this.options.language(),
        });
        if (!ref) continue;
        this.refs.set(uri.toString(), ref);
        if (!this.places.has(refKey(ref)))
          this.places.set(refKey(ref), {
            course: ref.course,
            language: ref.language,
            courseFolderName: ref.course === 'folder' ? this.courseFolderName() : undefined,
            path: segments.slice(1).join('/'),
          });
        out.push({ ref, uri, entries: parsed.file.entries, readOnly: parsed.file.readOnly });
      }
    }
    this.recount(out);
    return out;
  }

  /** How many annotations a lesson has, as last read (the lessons tree asks synchronously). */
  count(ref: LessonRef): number {
    return this.counts.get(refKey(ref)) ?? 0;
  }

  /** The file's text and parse, read once until it changes. */
  read(uri: vscode.Uri): Promise<ParsedNotes> {
    const key = uri.toString();
    let p = this.cache.get(key);
    if (!p) {
      p = this.load(uri);
      this.cache.set(key, p);
      // A failed read is not cached: the next call tries again.
      p.catch(() => this.cache.get(key) === p && this.cache.delete(key));
    }
    return p;
  }

  /** A notes file changed (or may have): forget what was read and tell the listeners. */
  invalidate(uri: vscode.Uri): void {
    if (!this.options.location.locate(uri)) return;
    this.cache.delete(uri.toString());
    this.generations.set(uri.toString(), (this.generations.get(uri.toString()) ?? 0) + 1);
    const ref = this.refs.get(uri.toString());
    this.changed.fire(ref);
    // Diagnostics and counts follow the file even while no reader shows its lesson.
    this.read(uri).catch((e) => this.options.log.warn(`Notes: cannot read ${uri.toString(true)}: ${errorMessage(e)}`));
    if (!ref) this.rescan();
  }

  /** Reads every notes file again (a file of a lesson not known yet appeared), one scan at a time. */
  private rescan(): void {
    this.scanning ??= this.all()
      .catch((e) => this.options.log.error('Notes: could not read the notes folder', e))
      .finally(() => (this.scanning = undefined));
  }

  /** The notes folders or the lesson mapping changed: everything is read again. */
  invalidateAll(): void {
    this.cache.clear();
    this.generations.clear();
    this.diagnostics.clear();
    this.changed.fire(undefined);
    this.rescan();
  }

  dispose(): void {
    this.changed.dispose();
    this.countsChanged.dispose();
  }

  private async load(uri: vscode.Uri): Promise<ParsedNotes> {
    const generation = this.generations.get(uri.toString()) ?? 0;
    const text = await readNotesText(uri);
    let file = EMPTY;
    if (text !== undefined) {
      try {
        file = parseNotesFile(text);
      } catch (e) {
        this.options.log.error(`Notes: could not read ${uri.toString(true)}`, e);
        file = { ...EMPTY, diagnostics: [{ line: 0, severity: 'error', message: errorMessage(e) }] };
      }
    }
    if ((this.generations.get(uri.toString()) ?? 0) === generation) this.publish(uri, text, file);
    const ref = this.refs.get(uri.toString());
    if (ref && this.inUse(uri, ref)) this.noteCount(ref, file.entries.length);
    return { uri, text, file };
  }

  private publish(uri: vscode.Uri, text: string | undefined, file: NotesFile): void {
    if (text === undefined || file.diagnostics.length === 0) {
      this.diagnostics.delete(uri);
      return;
    }
    const lines = text.split(/\r?\n/);
    this.diagnostics.set(
      uri,
      file.diagnostics.map((d) => {
        const line = Math.min(Math.max(d.line, 0), lines.length - 1);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, lines[line].length),
          d.message,
          d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = 'Interp Lessons';
        return diagnostic;
      }),
    );
  }

  /** Every lesson's count from a full scan: lessons whose notes file is gone drop to none. */
  private recount(notes: readonly LessonNotes[]): void {
    const fresh = new Map<string, number>();
    // Counted: the files in use now (notes left in global storage while a folder is open are listed, not counted).
    for (const n of notes) if (this.inUse(n.uri, n.ref)) fresh.set(refKey(n.ref), n.entries.length);
    const same = fresh.size === this.counts.size && [...fresh].every(([k, v]) => this.counts.get(k) === v);
    if (same) return;
    this.counts.clear();
    for (const [k, v] of fresh) this.counts.set(k, v);
    this.countsChanged.fire();
  }

  private inUse(uri: vscode.Uri, ref: LessonRef): boolean {
    return this.notesUri(ref).toString() === uri.toString();
  }

  private noteCount(ref: LessonRef, n: number): void {
    const key = refKey(ref);
    if ((this.counts.get(key) ?? 0) === n) return;
    this.counts.set(key, n);
    this.countsChanged.fire();
  }

  private courseFolderName(): string | undefined {
    return folderName(this.options.courseFolderSetting()) ?? this.lastCourseFolderName;
  }

  /** A lesson the reader has not shown and no notes file names: its path from the reader host, once. */
  private async learnPlace(ref: LessonRef): Promise<void> {
    if (this.places.has(refKey(ref))) return;
    const lesson = await this.options.host()?.load(ref);
    if (lesson && !this.places.has(refKey(ref))) this.remember(lesson);
  }

  /** A lesson's place: as learned; else a course-folder lesson's id is its path, a shipped one's a guess. */
  private placeOf(ref: LessonRef): NotesPlace {
    const known = this.places.get(refKey(ref));
    if (known) return known;
    return {
      course: ref.course,
      language: ref.language,
      courseFolderName: ref.course === 'folder' ? this.courseFolderName() : undefined,
      path: `${ref.lessonId}.md`,
    };
  }
}

/** Entries anchored on `plainText` (core re-anchors them all at once); without the text, every one is an orphan. */
export function anchorEntries(entries: readonly NotesEntry[], plainText: string | undefined): AnchoredEntry[] {
  if (plainText === undefined) return entries.map((entry) => ({ entry, range: undefined }));
  const ranges = new Map(anchorAnnotations(plainText, entries).map((r) => [r.id, r.range]));
  return entries.map((entry) => ({ entry, range: ranges.get(entry.id) }));
}

function isAnnotatable(ref: LessonRef): ref is AnnotatableLesson {
  const r = ref as Partial<AnnotatableLesson>;
  return typeof r.path === 'string' && typeof r.plainText === 'function' && r.courseRoot !== undefined;
}

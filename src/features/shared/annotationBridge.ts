import * as vscode from 'vscode';
import type { AnnotationPageMessage, PageAnnotationsMessage } from '../../core/activation';
import type { LessonLanguage } from './deps';

/** A lesson the reader shows, as the annotations feature needs it. */
export interface AnnotatableLesson extends LessonRef {
  title: string;
  courseRoot: vscode.Uri;
  /** The lesson's path relative to its course root, forward slashes (the notes file mirrors it). */
  path: string;
  /** H2 and H3 headings, in order. */
  sections: readonly { id: string; title: string }[];
  /** The lesson's plain text (core lessonPlainText of the body the page shows), computed once on first call. */
  plainText(): string;
  /** The rendered body HTML (export). */
  bodyHtml(): string;
}

/** Where the reader should go: a lesson and a section, or an annotation in it (scrolled to and flashed). */
export interface RevealTarget extends LessonRef {
  section?: string;
  annotationId?: string;
}

/** The reader's side, given by the lessons feature once it exists. */
export interface ReaderHost {
  /** Posts to the page if it still shows `lesson` (same id, language and course); false otherwise. */
  post(lesson: AnnotatableLesson, message: PageAnnotationsMessage | { type: 'revealAnnotation'; id: string }): boolean;
  /** Opens the reader on the target (creating or revealing it). */
  reveal(target: RevealTarget): Promise<boolean>;
  /** The lesson on the page now, if any. */
  current(): AnnotatableLesson | undefined;
  /**
   * Any lesson of the shipped lessons or the open course folder, rendered (cached) so its plain text can be
   * anchored to (the Annotations view's orphans, export); undefined when it does not exist (any more).
   */
  load(lesson: LessonRef): Promise<AnnotatableLesson | undefined>;
}

/** Which lesson: its id, language and course (a course-folder lesson's language is the folder's). */
export interface LessonRef {
  lessonId: string;
  language: LessonLanguage;
  course: 'shipped' | 'folder';
}

/** Counts shown in the lessons tree (lesson id and language → annotations), given by the annotations feature. */
export interface AnnotationCounts {
  count(lesson: LessonRef): number;
}

/**
 * Where the lessons feature (reader, tree) and the annotations feature meet, so that neither imports the other:
 * the reader says what it shows and passes on the page's annotation messages; annotations draws on the page
 * through `host`, and gives the tree its counts.
 */
export class AnnotationBridge implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<AnnotatableLesson>();
  private readonly messages = new vscode.EventEmitter<{ lesson: AnnotatableLesson; message: AnnotationPageMessage }>();
  private readonly countsChanged = new vscode.EventEmitter<void>();
  private readerHost: ReaderHost | undefined;
  private countsProvider: AnnotationCounts | undefined;

  /** The page displayed a lesson (after its 'rendered' report): draw its annotations. */
  readonly onDidShowLesson = this.shown.event;
  /** A selection, a toolbar action or a click on a highlight in the page (validated by core). */
  readonly onDidPageMessage = this.messages.event;
  /** The annotation counts changed: the tree refreshes its descriptions. */
  readonly onDidChangeCounts = this.countsChanged.event;

  // The lessons feature's side.
  setReaderHost(host: ReaderHost): vscode.Disposable {
    this.readerHost = host;
    return new vscode.Disposable(() => {
      if (this.readerHost === host) this.readerHost = undefined;
    });
  }
  lessonShown(lesson: AnnotatableLesson): void {
    this.shown.fire(lesson);
  }
  pageMessage(lesson: AnnotatableLesson, message: AnnotationPageMessage): void {
    this.messages.fire({ lesson, message });
  }
  count(lesson: LessonRef): number {
    return this.countsProvider?.count(lesson) ?? 0;
  }

  // The annotations feature's side.
  get host(): ReaderHost | undefined {
    return this.readerHost;
  }
  setCounts(provider: AnnotationCounts): vscode.Disposable {
    this.countsProvider = provider;
    this.countsChanged.fire();
    return new vscode.Disposable(() => {
      if (this.countsProvider === provider) this.countsProvider = undefined;
    });
  }
  countsDidChange(): void {
    this.countsChanged.fire();
  }

  dispose(): void {
    this.shown.dispose();
    this.messages.dispose();
    this.countsChanged.dispose();
  }
}

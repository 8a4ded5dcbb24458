import * as vscode from 'vscode';
import { buildNoticePage, type CourseLesson } from '../../core/activation';
import { ContextKeys } from '../../constants';
import type { LessonLanguage } from '../shared/deps';
import type { AnnotatableLesson } from '../shared/annotationBridge';
import type { LoadedCourse } from './courseService';
import type { LessonArticle } from './lessonRender';
import type { PageContent, ReaderPanel } from './readerPanel';

/** The lesson on the page, and the course it came from (`root`): a different course is not a deleted file. */
export interface ShownLesson {
  lessonId: string;
  language: LessonLanguage;
  path: string;
  root: string;
}

/**
 * What one open reader panel shows: a lesson, the reason a lesson failed, or a notice instead of a lesson;
 * and the shown lesson's formulas past the math limits (Typeset All Formulas' subject and context key).
 * It lives as long as its panel, so closing the reader forgets all of it.
 */
export class ReaderView {
  private shown: ShownLesson | undefined;
  private noticeShown: { lessonId: string; message: string } | undefined;
  private untypesetMath: { key: string; formulas: number } | undefined;
  private shownArticle: readonly string[] | undefined;
  private shownAnnotatable: AnnotatableLesson | undefined;

  constructor(readonly panel: ReaderPanel) {}

  get current(): ShownLesson | undefined {
    return this.shown;
  }

  get notice(): { lessonId: string; message: string } | undefined {
    return this.noticeShown;
  }

  get untypeset(): { key: string; formulas: number } | undefined {
    return this.untypesetMath;
  }

  /** The lesson on the page as annotations see it (undefined for a failure or a notice). */
  get annotatable(): AnnotatableLesson | undefined {
    return this.shownAnnotatable;
  }

  /** The article last put on the page. */
  get article(): readonly string[] | undefined {
    return this.shownArticle;
  }

  /** The lesson (or notice) the page should be showing: reports about another page are not counted. */
  get shownLessonId(): string | undefined {
    return (this.shown ?? this.noticeShown)?.lessonId;
  }

  /** Puts a rendered lesson on the page, at `section` or at `ratio` of its height. */
  lesson(
    shown: ShownLesson,
    title: string,
    entry: LessonArticle,
    where: { section?: string; ratio: number; untypesetKey: string },
    annotatable?: AnnotatableLesson,
  ): void {
    this.shownAnnotatable = annotatable;
    const untypeset = entry.rendered.untypesetMath;
    this.setUntypeset(untypeset && { key: where.untypesetKey, formulas: untypeset.formulas });
    const sameLesson = this.shown?.lessonId === shown.lessonId && this.shown.language === shown.language;
    this.shown = shown;
    this.noticeShown = undefined;
    this.panel.title = title;
    const scroll = where.section ? { section: where.section } : { ratio: where.ratio };
    this.shownArticle = entry.article;
    this.post({ html: entry.article, lessonId: shown.lessonId, title: this.panel.title, scroll });
    if (sameLesson && where.section && this.panel.isReady)
      this.panel.postMessage({ type: 'scrollTo', section: where.section });
  }

  /** A lesson that could not be rendered: the reason in its place. */
  failure(shown: ShownLesson, title: string, message: string): void {
    this.shown = shown;
    this.shownAnnotatable = undefined;
    this.noticeShown = undefined;
    this.panel.title = title;
    this.post({ lessonId: shown.lessonId, title, html: buildNoticePage(message) });
    this.setUntypeset(undefined);
  }

  /** The shown lesson's file is gone from its course. */
  gone(): void {
    if (!this.shown) return;
    this.shownAnnotatable = undefined;
    const gone = vscode.l10n.t("This lesson's file is gone: it was deleted or renamed on disk.");
    this.post({ lessonId: this.shown.lessonId, title: this.panel.title, html: buildNoticePage(gone) });
    this.setUntypeset(undefined);
  }

  /**
   * No lesson to show (restored after a reload on a lesson that is gone, or a course without it): says why and
   * lists the course's lessons, instead of staying on "Loading lesson…". False when a lesson of that course is
   * shown (it stays).
   */
  insteadOfLesson(course: LoadedCourse, lessonId: string, message: string): boolean {
    if (this.shown && this.shown.root === course.root.toString()) return false;
    this.shown = undefined;
    this.shownAnnotatable = undefined;
    this.noticeShown = { lessonId, message };
    this.setUntypeset(undefined);
    const title = vscode.l10n.t('Lesson');
    this.panel.title = title;
    const list = {
      title: vscode.l10n.t('Lessons in this course'),
      course,
      notALesson: vscode.l10n.t('This link does not lead to a lesson in this course'),
    };
    this.post({ lessonId, title, html: buildNoticePage(message, list) });
    return true;
  }

  /** The panel closed. */
  closed(): void {
    this.setUntypeset(undefined);
  }

  private post(content: Omit<PageContent, 'language'>): void {
    this.panel.show({ language: this.shown?.language, ...content });
  }

  private setUntypeset(u: { key: string; formulas: number } | undefined): void {
    this.untypesetMath = u;
    void vscode.commands.executeCommand('setContext', ContextKeys.readerUntypesetMath, !!u);
  }
}

/** What the view shows of a course lesson. */
export function shownLesson(course: LoadedCourse, lesson: CourseLesson, language: LessonLanguage): ShownLesson {
  return { lessonId: lesson.id, language, path: lesson.path, root: course.root.toString() };
}

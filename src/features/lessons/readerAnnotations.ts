import * as vscode from 'vscode';
import { lessonPlainText, type CourseLesson, type PageAnnotationsMessage } from '../../core/activation';
import type {
  AnnotatableLesson,
  AnnotationBridge,
  LessonRef,
  ReaderHost,
  RevealTarget,
} from '../shared/annotationBridge';
import type { CourseService, LoadedCourse } from './courseService';
import type { LessonRenderer } from './lessonRender';
import type { ReaderView } from './readerView';

/** A lesson as the annotations feature sees it; its plain text is computed once, on first use. */
export function annotatableLesson(
  course: LoadedCourse,
  lesson: CourseLesson,
  body: readonly string[],
  title: string,
): AnnotatableLesson {
  let html: string | undefined;
  let text: string | undefined;
  const bodyHtml = () => (html ??= body.join(''));
  return {
    lessonId: lesson.id,
    language: course.language,
    course: course.kind,
    courseRoot: course.root,
    path: lesson.path,
    title,
    sections: lesson.sections.map((h) => ({ id: h.id, title: h.text })),
    bodyHtml,
    plainText: () => (text ??= lessonPlainText(bodyHtml())),
  };
}

export function sameLesson(a: LessonRef, b: LessonRef): boolean {
  return a.lessonId === b.lessonId && a.language === b.language && a.course === b.course;
}

/** What the reader gives its annotation host. */
export interface ReaderAccess {
  view(): ReaderView | undefined;
  show(target: { lessonId: string; language: LessonRef['language']; section?: string }): Promise<boolean>;
  courses: CourseService;
  renders: LessonRenderer;
  bridge: AnnotationBridge;
}

/** How long a reveal waits for the page to draw the lesson's annotations before giving up. */
const DRAW_WAIT_MS = 15_000;

/** The reader's side of the annotation bridge: posting to the page, opening lessons, rendering any lesson. */
export class ReaderAnnotationHost implements ReaderHost {
  constructor(private readonly reader: ReaderAccess) {}

  current(): AnnotatableLesson | undefined {
    return this.reader.view()?.annotatable;
  }

  post(lesson: AnnotatableLesson, message: PageAnnotationsMessage | { type: 'revealAnnotation'; id: string }): boolean {
    const view = this.reader.view();
    const shown = view?.annotatable;
    if (!view || !shown || !sameLesson(shown, lesson)) return false;
    view.panel.postMessage(message);
    return true;
  }

  async reveal(target: RevealTarget): Promise<boolean> {
    const before = this.current();
    const drawn = before && sameLesson(before, target) ? undefined : this.nextDraw(target);
    const shown = await this.reader.show({
      lessonId: target.lessonId,
      language: target.language,
      section: target.section,
    });
    const now = this.current();
    if (!shown || !now || !sameLesson(now, target)) {
      drawn?.cancel();
      return false;
    }
    if (target.annotationId) {
      if (drawn && !(await drawn.done)) return false;
      this.post(now, { type: 'revealAnnotation', id: target.annotationId });
    }
    return true;
  }

  async load(ref: LessonRef): Promise<AnnotatableLesson | undefined> {
    const { courses, renders } = this.reader;
    const course =
      ref.course === 'shipped'
        ? await courses.shipped(ref.language)
        : courses.folder() && (await courses.get(ref.language));
    if (!course || course.kind !== ref.course) return undefined;
    const lesson = course.pages.find((l) => l.id === ref.lessonId);
    const text = lesson && course.texts.get(lesson.path);
    if (!lesson || text === undefined) return undefined;
    const body = await renders.renderBody(course, lesson, text);
    return annotatableLesson(course, lesson, body, lesson.title);
  }

  /** Resolves true when the page next reports drawing this lesson's annotations, false after DRAW_WAIT_MS. */
  private nextDraw(target: LessonRef): { done: Promise<boolean>; cancel(): void } {
    let sub: vscode.Disposable | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finish: (ok: boolean) => void = () => undefined;
    const done = new Promise<boolean>((resolve) => {
      finish = (ok) => {
        sub?.dispose();
        clearTimeout(timer);
        resolve(ok);
      };
      sub = this.reader.bridge.onDidPageMessage(({ lesson, message }) => {
        if (message.type === 'annotationsDrawn' && sameLesson(lesson, target)) finish(true);
      });
      timer = setTimeout(() => finish(false), DRAW_WAIT_MS);
    });
    return { done, cancel: () => finish(false) };
  }
}

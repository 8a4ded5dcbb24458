// The reader's article for one lesson, as strings: the rendered body with its banners, breadcrumb,
// previous/next and the module's contents. Pure: the reader passes the localised labels in.
import { resolveLessonLink } from '../course/links';
import type { CourseLesson } from '../course/parseCourse';
import type { RenderedLesson } from '../markdown/render';
import { escapeHtml } from '../text/escape';
import {
  buildBreadcrumb,
  buildLessonArticle,
  buildModuleContents,
  buildRepairBanner,
  buildTypesetAllBanner,
  createNonce,
  type LessonLinkInfo,
  type LessonViewLabels,
} from './readerPage';

/** What the page assembly needs of a course: its kind, lessons in reading order, every page, modules. */
export interface CourseOutline {
  kind: 'shipped' | 'folder';
  lessons: readonly CourseLesson[];
  pages: readonly CourseLesson[];
  modules: readonly { indexPath?: string; lessons: readonly CourseLesson[] }[];
}

/** One row of a module's contents: a lesson (`id`), the current one, or a link that leads nowhere. */
export interface ContentsRow {
  title: string;
  id?: string;
  current: boolean;
}

export interface LessonNeighbours {
  previous?: LessonLinkInfo;
  next?: LessonLinkInfo;
  contents: ContentsRow[];
}

/** A lesson's title in links: the shipped course numbers its lessons. */
export function lessonLinkTitle(course: Pick<CourseOutline, 'kind'>, lesson: CourseLesson): string {
  return course.kind === 'shipped' ? `${lesson.order}. ${lesson.title}` : lesson.title;
}

/**
 * Previous/next: from an Aero footer's lesson table when the lesson has one (the course's own order, links
 * resolved loosely), else the course order (a module's index page leads to its first lesson).
 */
export function lessonNeighbours(
  course: CourseOutline,
  lesson: CourseLesson,
  footerLessons: RenderedLesson['footerLessons'],
): LessonNeighbours {
  const info = (l: CourseLesson | undefined): LessonLinkInfo | undefined =>
    l && { id: l.id, title: lessonLinkTitle(course, l) };
  const rows = footerLessons.map((r) => {
    const target = resolveLessonLink(lesson.path, r.href, course.pages)?.lesson;
    return { title: r.title, id: target?.id, current: target ? target.id === lesson.id : r.current, lesson: target };
  });
  const i = rows.findIndex((r) => r.current);
  if (i >= 0) {
    const previous = rows
      .slice(0, i)
      .reverse()
      .find((r) => r.lesson)?.lesson;
    const next = rows.slice(i + 1).find((r) => r.lesson)?.lesson;
    return { previous: info(previous), next: info(next), contents: rows.map(contentsRow) };
  }
  const index = course.lessons.indexOf(lesson);
  const order =
    index < 0
      ? { next: info(course.modules.find((m) => m.indexPath === lesson.path)?.lessons[0]) }
      : { previous: info(course.lessons[index - 1]), next: info(course.lessons[index + 1]) };
  return { ...order, contents: rows.map(contentsRow) };
}

function contentsRow(r: ContentsRow): ContentsRow {
  return { title: r.title, id: r.id, current: r.current };
}

/** The reader's labels for one article, localised by the caller. */
export interface LessonPageLabels extends LessonViewLabels {
  quickLinks: string;
  inThisModule: string;
  notALesson: string;
}

export interface LessonPageInput {
  lessonId: string;
  rendered: RenderedLesson;
  /** The body in parts (a worker render); `rendered.html` is then empty. */
  htmlParts?: readonly string[];
  /** The Aero navigation block, rendered: the breadcrumb. */
  navigationHtml?: string;
  neighbours: LessonNeighbours;
  labels: LessonPageLabels;
  /** Banners over the lesson, in this order: the encoding repair, then the math past the limits. */
  banners: { kind: 'repair' | 'typesetAll'; message: string; button: string }[];
}

/**
 * The page's HTML for one lesson, in parts: a big body stays in the parts it came in (never joined on the
 * extension host); the article is built around a placeholder that cannot occur in it.
 */
export function assembleLessonPage(input: LessonPageInput): string[] {
  const { rendered, htmlParts, navigationHtml, neighbours, labels } = input;
  const banner =
    input.banners
      .map((b) =>
        b.kind === 'repair' ? buildRepairBanner(b.message, b.button) : buildTypesetAllBanner(b.message, b.button),
      )
      .join('') || undefined;
  const body = htmlParts && `\u0000${createNonce()}\u0000`;
  const built = buildLessonArticle({
    lessonId: input.lessonId,
    rendered: body ? { ...rendered, html: body } : rendered,
    previous: neighbours.previous,
    next: neighbours.next,
    labels,
    breadcrumb: navigationHtml === undefined ? undefined : buildBreadcrumb(navigationHtml, labels.quickLinks),
    banner,
    after: buildModuleContents(labels.inThisModule, neighbours.contents, labels.notALesson),
  });
  const at = body ? built.indexOf(body) : -1;
  return body && htmlParts && at >= 0 ? [built.slice(0, at), ...htmlParts, built.slice(at + body.length)] : [built];
}

/**
 * What the page shows instead of a lesson: the reason, and with `list` the course's lessons to pick from
 * (a reader restored on a lesson that is gone, or a course without it).
 */
export function buildNoticePage(
  message: string,
  list?: { title: string; course: CourseOutline; notALesson: string },
): string {
  if (!list) return `<p class="il-empty il-banner il-banner-warning">${escapeHtml(message)}</p>`;
  const rows = list.course.lessons.map((l) => ({ title: lessonLinkTitle(list.course, l), id: l.id, current: false }));
  return `<p class="il-empty il-banner il-banner-warning" role="status">${escapeHtml(message)}</p>\n${buildModuleContents(list.title, rows, list.notALesson)}`;
}

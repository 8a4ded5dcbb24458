import * as vscode from 'vscode';
import {
  assembleLessonPage,
  figuresKey,
  insertUncertainMarkers,
  lessonNeighbours,
  type CourseLesson,
  type GlossaryMarkOptions,
  type RenderedLesson,
} from '../../core/activation';
import type { CourseService, LoadedCourse } from './courseService';
import { readerLabels, renderLabels } from './labels';
import type { RenderJob, RenderJobResult } from '../shared/render/renderJob';
import { IN_THREAD_MAX_CHARS, type RenderRun, type RenderService } from '../shared/render/renderService';
import { RenderFailure } from '../shared/render/workerRender';

/** A lesson ready for the page: what the renderer found, and the article in parts. */
export interface LessonArticle {
  rendered: RenderedLesson;
  article: readonly string[];
  /** The lesson body alone, in parts (what div.il-lesson-body holds: annotations anchor to its plain text). */
  body: readonly string[];
  where: 'host' | 'worker' | 'cache';
  ms: number;
}

export interface LessonRenderInputs {
  courses: CourseService;
  service: RenderService;
  runnableSnippets: () => ReadonlySet<string>;
  glossaryMarking: () => GlossaryMarkOptions | undefined;
}

/**
 * The reader's renders: a course lesson as a render job, the shared RenderService (cache, host or worker,
 * budgets), and the article around the body (core's assembleLessonPage). One render at a time: cancel()
 * stops the one in flight, its worker included. Remembers the lessons to typeset whole, this session.
 */
export class LessonRenderer {
  /** Lessons (lessonKey) the user asked to see with every formula typeset. */
  private readonly typesetAll = new Set<string>();
  private inflight: RenderRun | undefined;
  private generation = 0;

  constructor(private readonly inputs: LessonRenderInputs) {}

  /** Typeset every formula of this lesson from now on (Typeset All Formulas). */
  typesetAllOf(key: string): void {
    this.typesetAll.add(key);
  }

  /** Back to the math limit for this lesson; true if it was typesetting everything. */
  forgetTypesetAll(key: string): boolean {
    return this.typesetAll.delete(key);
  }

  /** Stops the render in flight (a newer lesson, or the panel closed): it rejects with reason 'cancelled'. */
  cancel(): void {
    this.generation++;
    this.inflight?.cancel();
    this.inflight = undefined;
  }

  async render(course: LoadedCourse, lesson: CourseLesson, text: string): Promise<LessonArticle> {
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    const run = await this.start(course, lesson, text, superseded);
    if (superseded()) {
      run.cancel(); // cancel() came while the run was being made
      throw new RenderFailure('cancelled', 'superseded by a newer render');
    }
    this.inflight = run;
    const outcome = await run.result.finally(() => {
      if (this.inflight === run) this.inflight = undefined;
    });
    return { ...article(course, lesson, outcome.result), where: outcome.where, ms: outcome.ms };
  }

  /**
   * A lesson's body for annotations (the Annotations view's orphans, export), beside the reader's renders: it
   * neither cancels nor is cancelled by them, and shares their cache.
   */
  async renderBody(course: LoadedCourse, lesson: CourseLesson, text: string): Promise<readonly string[]> {
    const run = await this.start(course, lesson, text, () => false);
    return bodyOf((await run.result).result);
  }

  private async start(
    course: LoadedCourse,
    lesson: CourseLesson,
    text: string,
    superseded: () => boolean,
  ): Promise<RenderRun> {
    const key = lessonKey(course, lesson);
    const marking = this.inputs.glossaryMarking();
    const runnable = [...this.inputs.runnableSnippets()];
    const typesetAllMath = this.typesetAll.has(key);
    const figures = await this.inputs.courses.figuresFor(course, lesson.path, text);
    if (superseded()) throw new RenderFailure('cancelled', 'superseded by a newer render');
    const version = `${text}|${runnable.join(',')};${marking ? `${glossaryVersion(marking.glossary)}:${marking.language}:${marking.firstOnly}` : 'no-glossary'};${typesetAllMath ? 'all-math' : 'math-limit'};${figuresKey(figures)}`;
    const job: RenderJob = {
      ...lessonMarkdown(course, lesson, text),
      lessonPath: lesson.path,
      pages: course.pages.map((p) => ({ id: p.id, path: p.path })),
      runnableSnippets: runnable,
      glossary: marking?.glossary,
      glossaryMarking: marking && { language: marking.language, firstOnly: marking.firstOnly },
      labels: renderLabels(),
      typesetAllMath,
      figures,
    };
    return this.inputs.service.render({
      job,
      name: lesson.path,
      progressTitle: progressTitle(job),
      cache: { key, version },
    });
  }
}

/** The body HTML of a render result: whole, or in the parts a worker sent. */
function bodyOf(result: RenderJobResult): readonly string[] {
  return result.htmlParts ?? [result.rendered.html];
}

/** One lesson of one course: the key of the render cache and of Typeset All Formulas. */
export function lessonKey(course: LoadedCourse, lesson: CourseLesson): string {
  return `${course.root.toString()}|${lesson.path}`;
}

/** The text to render: uncertain repaired characters are marked before rendering and highlighted after it. */
function lessonMarkdown(
  course: LoadedCourse,
  lesson: CourseLesson,
  text: string,
): Pick<RenderJob, 'markdown' | 'uncertainLabel'> {
  const repair = course.repairs.get(lesson.path);
  if (!repair?.unresolved.length) return { markdown: text };
  const spots = repair.unresolved.map((u) => ({ offset: u.offset, length: u.candidates[0]?.length ?? 1 }));
  return {
    markdown: insertUncertainMarkers(repair.text, spots).normalize('NFC'),
    uncertainLabel: vscode.l10n.t('Uncertain: the lost bytes allow other letters here'),
  };
}

/** The article around the rendered body, with the banners in the reader's language. */
function article(
  course: LoadedCourse,
  lesson: CourseLesson,
  result: RenderJobResult,
): Pick<LessonArticle, 'rendered' | 'article' | 'body'> {
  const { rendered } = result;
  const repair = course.repairs.get(lesson.path);
  const untypeset = rendered.untypesetMath;
  const banners: Parameters<typeof assembleLessonPage>[0]['banners'] = [];
  if (repair)
    banners.push({
      kind: 'repair',
      message: vscode.l10n.t(
        "This file's encoding was damaged; {0} spots repaired, {1} uncertain (highlighted). The file on disk is unchanged.",
        repair.restored,
        repair.unresolved.length,
      ),
      button: vscode.l10n.t('Repair File Encoding…'),
    });
  if (untypeset)
    banners.push({
      kind: 'typesetAll',
      message: vscode.l10n.t(
        'This lesson has more math than the reader typesets at once: {0} formula(s) from line {1} on are shown as TeX source.',
        untypeset.formulas,
        untypeset.line,
      ),
      button: vscode.l10n.t('Typeset All Formulas'),
    });
  const page = assembleLessonPage({
    lessonId: lesson.id,
    rendered,
    htmlParts: result.htmlParts,
    navigationHtml: result.navigationHtml,
    neighbours: lessonNeighbours(course, lesson, rendered.footerLessons),
    labels: {
      ...readerLabels(),
      quickLinks: vscode.l10n.t('Quick links'),
      inThisModule: vscode.l10n.t('In this module'),
      notALesson: vscode.l10n.t('This link does not lead to a lesson in this course'),
    },
    banners,
  });
  return { rendered, article: page, body: bodyOf(result) };
}

/** What the status bar says while a lesson renders in the worker. */
function progressTitle(job: RenderJob): string {
  return job.typesetAllMath
    ? vscode.l10n.t('Typesetting every formula of the lesson…')
    : job.markdown.length > IN_THREAD_MAX_CHARS
      ? vscode.l10n.t('Rendering a big lesson ({0} MB)…', (job.markdown.length / 1024 / 1024).toFixed(1))
      : vscode.l10n.t('Rendering a lesson with many formulas…');
}

const glossaryVersions = new WeakMap<object, number>();
let nextGlossaryVersion = 1;
/** A number per glossary object: a changed user glossary is a new object, so lessons re-render. */
function glossaryVersion(g: object): number {
  let v = glossaryVersions.get(g);
  if (!v) glossaryVersions.set(g, (v = nextGlossaryVersion++));
  return v;
}

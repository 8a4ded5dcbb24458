// One lesson render as plain data, so the same code runs in the extension host (small lessons) and in
// the render worker thread (big ones). No 'vscode' import: the worker has no vscode module.
import {
  markUncertainSpots,
  moveInlineStyles,
  resolveLessonLink,
  type FigureFile,
  type Glossary,
  type GlossaryMarkOptions,
  type LinkTarget,
  type RenderedLesson,
  type RenderLabels,
} from '../../../core/activation';
import type { RendererModule } from './renderer';

export interface RenderJob {
  /** The markdown to render (uncertain repair spots already marked). */
  markdown: string;
  lessonPath: string;
  /** Every page of the course, to tell lesson links from broken ones. */
  pages: LinkTarget[];
  runnableSnippets: string[];
  glossary?: Glossary;
  glossaryMarking?: { language: GlossaryMarkOptions['language']; firstOnly: GlossaryMarkOptions['firstOnly'] };
  labels: Partial<RenderLabels>;
  /** Tooltip of highlighted uncertain spots, when the lesson's encoding was repaired with some left uncertain. */
  uncertainLabel?: string;
  /** See RenderOptions.budgetMs (the host path sets it; the worker renders without). */
  budgetMs?: number;
  /** See RenderOptions.typesetAllMath (the reader's Typeset All Formulas; rendered in the worker). */
  typesetAllMath?: boolean;
  /** The lesson's figure files by reference as written, read by the host (CourseService.figuresFor). */
  figures?: Record<string, FigureFile>;
}

export interface RenderJobResult {
  /** From the worker, `rendered.html` is empty and the body comes in `htmlParts`. */
  rendered: RenderedLesson;
  /**
   * The body HTML in parts, inline styles already moved (worker renders): the extension host never joins
   * or copies the whole HTML (joining 11 MB of parts and re-slicing the article took it ~0.8 s).
   */
  htmlParts?: string[];
  /** The Aero navigation block rendered (links classified, no glossary), for the breadcrumb. */
  navigationHtml?: string;
}

/** Renders a lesson and its navigation block; what both the host path and the worker run. */
export function runRenderJob(job: RenderJob, renderer: RendererModule): RenderJobResult {
  const classifyLink = (href: string) =>
    resolveLessonLink(job.lessonPath, href, job.pages) ? ('lesson' as const) : ('broken' as const);
  let rendered = renderer.renderLesson(job.markdown, {
    runnableSnippets: new Set(job.runnableSnippets),
    classifyLink,
    labels: job.labels,
    glossary: job.glossary,
    glossaryMarking: job.glossaryMarking,
    budgetMs: job.budgetMs,
    typesetAllMath: job.typesetAllMath,
    figures: job.figures && ((src) => (Object.hasOwn(job.figures!, src) ? job.figures![src] : undefined)),
  });
  if (job.uncertainLabel !== undefined)
    rendered = { ...rendered, html: markUncertainSpots(rendered.html, job.uncertainLabel) };
  const navigationHtml = rendered.navigation
    ? renderer.renderLesson(rendered.navigation, { classifyLink, labels: job.labels }).html
    : undefined;
  return { rendered, navigationHtml };
}

/** Big HTML crosses threads and the webview boundary in parts of this many UTF-16 units. */
export const POST_PART_CHARS = 256 * 1024;

/** The worker's form of a result: the body HTML ready for the page, in parts. */
export function resultInParts(result: RenderJobResult): { head: RenderJobResult; parts: string[] } {
  return {
    head: { ...result, rendered: { ...result.rendered, html: '' } },
    parts: splitForPosting(moveInlineStyles(result.rendered.html)),
  };
}

/** Cuts text into parts of at most `size` units, never between the two halves of a surrogate pair. */
export function splitForPosting(text: string, size = POST_PART_CHARS): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

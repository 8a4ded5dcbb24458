// Sizes past which the renderer works differently. Kept apart from render.ts (no imports) so that the
// extension's activation bundle can read them without pulling in markdown-it.

// Why each figure: docs/performance.md, "The measurements behind the renderer's limits".

/** Lessons longer than this (UTF-16 units) render in a worker: past it the host's thread costs more than a worker's start. */
export const HOST_RENDER_MAX_CHARS = 64 * 1024;

/** What a lesson may spend on the host (renderLesson's `budgetMs`) before the reader renders it in the worker instead. */
export const HOST_RENDER_BUDGET_MS = 150;

/**
 * A paragraph, heading or table cell longer than this is shown as written, without inline formatting: inline
 * parsing is where degenerate blocks spend their time (the same figure as VS Code's `editor.maxTokenizationLineLength`).
 */
export const MAX_FORMATTED_INLINE_CHARS = 20_000;
/** Table rows past this are shown as written, after the table. */
export const MAX_TABLE_ROWS = 1_000;
/**
 * Math a lesson gets typeset: characters of TeX plus the tokens its macros expand to. Formulas past it (or past
 * MAX_TYPESET_MATH_HTML) not met before in the lesson are shown as TeX, and the reader offers to typeset them all
 * in its worker (renderLesson's `typesetAllMath`).
 */
export const MAX_TYPESET_MATH = 10_000;
/**
 * The same limit counted in the HTML KaTeX has made for the lesson, since its time follows what it builds as well
 * as what it reads (nested `\sqrt{`, `\boxed{`). Checked before each new formula.
 */
export const MAX_TYPESET_MATH_HTML = 750_000;

/** Which of the two math limits a lesson passed (RenderedLesson's `untypesetMath.limit`), in words for the log. */
export function mathLimitText(limit: 'tex' | 'html'): string {
  return limit === 'tex'
    ? `the ${MAX_TYPESET_MATH} characters of TeX the reader typesets at once`
    : `the ${MAX_TYPESET_MATH_HTML} characters of KaTeX HTML the reader makes at once`;
}

// Sizes past which the renderer works differently. Kept apart from render.ts (no imports) so that the
// extension's activation bundle can read them without pulling in markdown-it.

/**
 * Lessons longer than this (UTF-16 units, ≈ bytes for Latin text) are rendered off the extension host's thread
 * (the reader uses a worker). Measured: in-thread ≈ 1 ms per KB up to here (a 64 KB lesson ≈ 85–105 ms, a shipped
 * lesson of 13–16 KB 13–40 ms), while a worker costs ≈ 150–170 ms to start and load the renderer.
 */
export const HOST_RENDER_MAX_CHARS = 64 * 1024;

/**
 * A lesson small enough for the host is still given only this long there (renderLesson's `budgetMs`), a
 * backstop for a slow or busy machine: with MAX_TYPESET_MATH the slowest hostile case takes about 100–130 ms
 * on the project's 2-core machine (`npm run bench -- hostile`). Past it, the reader renders the lesson in its
 * worker instead. Our lessons take 13–40 ms.
 */
export const HOST_RENDER_BUDGET_MS = 150;

/**
 * Text of one paragraph, heading or table cell longer than this is shown as it is written, without inline
 * formatting (emphasis, links, math, glossary terms). Like VS Code's own `editor.maxTokenizationLineLength`
 * (20,000), this keeps a degenerate block cheap: inline parsing is where 100,000 lines in one paragraph, a
 * 1 MB line or 30,000 unmatched `**` spend their time (markdown-it's tokens and the garbage they make). The
 * longest block of text in our lessons has 841 characters, in the original course's Module 15 folder 660.
 */
export const MAX_FORMATTED_INLINE_CHARS = 20_000;
/** Table rows past this are shown as written, after the table (tables in our lessons and the original course: ≤ 9 rows). */
export const MAX_TABLE_ROWS = 1_000;
/**
 * Math a lesson gets typeset, counted as characters of TeX plus the tokens its macros expand to; formulas past it
 * or past MAX_TYPESET_MATH_HTML (that were not met before in the lesson) are shown as TeX source, and the reader
 * offers to typeset them all (renderLesson's `typesetAllMath`, in its worker). KaTeX spends 4–10 µs per character;
 * the most math in one of our lessons is about 1,500 characters in 68 formulas.
 */
export const MAX_TYPESET_MATH = 10_000;
/**
 * The other half of the same limit: characters of HTML KaTeX has made for the lesson. Its time follows what it
 * builds as much as what it reads: 2,000 characters of nested `\sqrt{` or `\boxed{` become 200–300 K characters
 * of HTML, and five of them took 170–260 ms where five flat formulas of the same length took about 100. Checked
 * before each new formula, so a lesson ends at most one formula past it. Our heaviest lesson is 135 K characters
 * of HTML in all, text included.
 */
export const MAX_TYPESET_MATH_HTML = 750_000;

/** Which of the two math limits a lesson passed (RenderedLesson's `untypesetMath.limit`), in words for the log. */
export function mathLimitText(limit: 'tex' | 'html'): string {
  return limit === 'tex'
    ? `the ${MAX_TYPESET_MATH} characters of TeX the reader typesets at once`
    : `the ${MAX_TYPESET_MATH_HTML} characters of KaTeX HTML the reader makes at once`;
}

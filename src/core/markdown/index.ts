export { renderLesson, KATEX_OPTIONS, RenderOverBudget, isRenderOverBudget } from './render';
export {
  HOST_RENDER_BUDGET_MS,
  HOST_RENDER_MAX_CHARS,
  MAX_FORMATTED_INLINE_CHARS,
  MAX_TABLE_ROWS,
  MAX_TYPESET_MATH,
  MAX_TYPESET_MATH_HTML,
  mathLimitText,
} from './limits';
export { isAllowedHref } from './links';
export type { RenderOptions, RenderLabels, RenderedLesson, LinkKind } from './render';
export { escapeHtml } from '../text/escape';
export { slugify, splitExplicitId, SlugCounter } from '../course/slug';
export { CALLOUT_KINDS } from './callouts';
export type { CalloutKind } from './callouts';
export { LruCache } from './lruCache';
export {
  figureReferences,
  figuresKey,
  isFigureReference,
  resolveFigurePath,
  MAX_FIGURE_BYTES,
  MAX_FIGURE_DEPTH,
  MAX_FIGURE_ELEMENTS,
  MAX_FIGURES_PER_LESSON,
} from './figures';
export type { FigureFile, FigureProblem } from './figures';

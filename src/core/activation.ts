/**
 * Core as the extension host loads it: every name of src/core/index.ts except the markdown renderer
 * (renderLesson, KATEX_OPTIONS, RenderOverBudget's class), which lives in dist/renderer.js and is loaded on the
 * first render; a few heavy functions come from src/core/lazy.ts, loaded on first call. The extension's own code imports from here (or a folder's index), so markdown-it and KaTeX stay
 * out of dist/extension.js by construction; tests and outside checks import from src/core/index.ts.
 */
export * from './course';
export * from './page';
export * from './annotations';
export * from './glossary';
export * from './text';
export * from './regression';
export * from './snippets';
export * from './review';
export * from './quiz';
export { safeDecodeURIComponent } from './text/decode';
// Loaded on first call from pieces of their own (these explicit exports take the place of the folders' ones).
export {
  repairMojibake,
  parseGlossary,
  runJob,
  estimateJobCost,
  toPythonScript,
  anchorQuote,
  describeRange,
  anchorAnnotations,
  lessonPlainText,
  buildExportDocument,
  markBody,
  inlineKatexFonts,
  plainNote,
} from './lazy';
export * from './markdown/limits';
export * from './markdown/figures';
export { isAllowedHref } from './markdown/links';
export { escapeHtml } from './text/escape';
export { slugify, splitExplicitId, SlugCounter } from './course/slug';
export { CALLOUT_KINDS } from './markdown/callouts';
export type { CalloutKind } from './markdown/callouts';
export { LruCache } from './markdown/lruCache';
export { isRenderOverBudget } from './markdown/budget';
export type { RenderOptions, RenderLabels, RenderedLesson, LinkKind, RenderOverBudget } from './markdown/render';

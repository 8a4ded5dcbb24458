/**
 * Core as the extension host loads it: every name of src/core/index.ts except the markdown renderer
 * (renderLesson, KATEX_OPTIONS, RenderOverBudget's class), which lives in dist/renderer.js and is loaded on the
 * first render. The extension's own code imports from here (or a folder's index), so markdown-it and KaTeX stay
 * out of dist/extension.js by construction; tests and outside checks import from src/core/index.ts.
 */
export * from './course';
export * from './page';
export * from './glossary';
export * from './text';
export * from './regression';
export * from './snippets';
export { safeDecodeURIComponent } from './decode';
export * from './markdown/limits';
export { isAllowedHref } from './markdown/links';
export { escapeHtml } from './markdown/escape';
export { slugify, splitExplicitId, SlugCounter } from './markdown/slug';
export { CALLOUT_KINDS } from './markdown/callouts';
export type { CalloutKind } from './markdown/callouts';
export { LruCache } from './markdown/lruCache';
export { isRenderOverBudget } from './markdown/budget';
export type { RenderOptions, RenderLabels, RenderedLesson, LinkKind, RenderOverBudget } from './markdown/render';

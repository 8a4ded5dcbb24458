export { renderLesson, KATEX_OPTIONS, HOST_RENDER_MAX_CHARS } from './render';
export { isAllowedHref } from './links';
export type { RenderOptions, RenderLabels, RenderedLesson, LinkKind } from './render';
export { escapeHtml } from './escape';
export { slugify, splitExplicitId, SlugCounter } from './slug';
export { CALLOUT_KINDS } from './callouts';
export type { CalloutKind } from './callouts';
export { LruCache } from './lruCache';

import type { RenderOverBudget } from './render';

/**
 * True for the error renderLesson throws when its `budgetMs` ran out (RenderOverBudget, in render.ts). By name,
 * not instanceof, so it also recognises one rebuilt from a worker's message, and so that code which only checks
 * for it (the extension host, through src/core/activation.ts) does not load markdown-it and KaTeX.
 */
export function isRenderOverBudget(e: unknown): e is RenderOverBudget {
  return e instanceof Error && e.name === 'RenderOverBudget';
}

import * as path from 'path';
import type { renderLesson as RenderLesson } from '../../../core/markdown/render';

/**
 * markdown-it and KaTeX live in their own bundle (dist/renderer.js), loaded on the first render,
 * so activation never pays for them.
 */
export interface RendererModule {
  renderLesson: typeof RenderLesson;
}

let loaded: RendererModule | undefined;

export function loadRenderer(): RendererModule {
  // A computed path keeps esbuild from inlining the renderer into dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'renderer.js')) as RendererModule;
  return loaded;
}

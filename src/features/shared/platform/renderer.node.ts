import * as path from 'path';
import type { RendererModule } from './types';

/**
 * markdown-it and KaTeX live in their own bundle (dist/renderer.js), loaded on the first render, so activation
 * never pays for them. A computed path keeps esbuild from inlining it into dist/extension.js.
 */
export function loadRendererModule(): RendererModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'renderer.js')) as RendererModule;
}

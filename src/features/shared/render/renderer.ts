import { loadRendererModule } from '../platform/renderer.node';
import type { RendererModule } from '../platform/types';

export type { RendererModule };

let loaded: RendererModule | undefined;

/** The markdown pipeline (markdown-it, KaTeX), loaded on the first render so activation never pays for it. */
export function loadRenderer(): RendererModule {
  loaded ??= loadRendererModule();
  return loaded;
}

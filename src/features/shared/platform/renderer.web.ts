import type { RendererModule } from './types';

/** The web bundle is one file (a web extension loads no other scripts): the renderer is inside it. */
export function loadRendererModule(): RendererModule {
  // Required here rather than imported, so its modules initialise on the first render as on desktop.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../../renderer') as RendererModule;
}

// What the Node and web variants of this folder's modules share. A module `x.node.ts` here has a twin
// `x.web.ts` with the same exports; the web build (esbuild.js, platformModules) swaps every import of the
// first for the second, and check.ts fails the type check when the two disagree.

/** The extension's worker scripts: dist/render-worker.js and dist/snippet-worker.js on desktop. */
export type WorkerName = 'render' | 'snippet';

/** A worker script's side of the conversation with the host. */
export interface WorkerPort {
  onMessage(listener: (message: unknown) => void): void;
  post(message: unknown): void;
}

/** What dist/renderer.js exports (src/renderer.ts). */
export interface RendererModule {
  renderLesson: typeof import('../../../core/markdown/render').renderLesson;
}

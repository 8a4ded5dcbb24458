// Modules esbuild.js makes for the web bundle only (never loaded on desktop or in unit tests).
declare module 'virtual:web-worker-sources' {
  /** Each worker script's bundled source text, by name (platform/types.ts WorkerName). */
  export const workerSources: Record<'render' | 'snippet', string>;
}
declare module 'virtual:glossary-formulas';
declare module 'virtual:shipped-files' {
  /** File names in each of the extension's own listed folders, by path from the extension's root. */
  export const shippedFiles: Record<string, string[]>;
}

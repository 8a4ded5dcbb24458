/**
 * The one public face of core: pure TypeScript, no `vscode`. Everything outside src/core
 * (features, tests, benches, outside checks) imports from here. Names listed in the issues are stable.
 */
export * from './course';
export * from './markdown';
export * from './page';
export * from './annotations';
export * from './glossary';
export * from './text';
export * from './regression';
export * from './snippets';
export * from './review';
export * from './quiz';
export { safeDecodeURIComponent } from './text/decode';

import * as path from 'path';

/**
 * The glossary's formulas pre-rendered at build time, from dist/glossary-formulas.js (~440 KB), loaded on the
 * first hover that shows a formula. A computed path keeps esbuild from inlining the bundle. Without the file
 * (unit tests under esbuild-register) there are none and hovers show the TeX source.
 */
export function loadFormulaSvgs(): Record<string, string> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(__dirname, 'glossary-formulas.js')) as Record<string, string>;
  } catch {
    return {};
  }
}

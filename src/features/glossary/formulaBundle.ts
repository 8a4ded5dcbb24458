import * as path from 'path';
import { FormulaImages } from '../../core/activation';

let images: FormulaImages | undefined;

/**
 * Formula images from dist/glossary-formulas.js (SVGs pre-rendered at build time), loaded on the first
 * hover that shows a formula so activation does not parse ~440 KB. Without the file (unit tests
 * under esbuild-register) there are no images and hovers show the TeX source.
 */
export function formulaImages(): FormulaImages {
  if (!images) {
    let svgs: Record<string, string>;
    try {
      // A computed path keeps esbuild from inlining the bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      svgs = require(path.join(__dirname, 'glossary-formulas.js')) as Record<string, string>;
    } catch {
      svgs = {};
    }
    images = new FormulaImages(svgs);
  }
  return images;
}

import { FormulaImages } from '../../core/activation';
import { loadFormulaSvgs } from '../shared/platform/formulaSvgs.node';

let images: FormulaImages | undefined;

/**
 * Formula images (SVGs pre-rendered at build time), loaded on the first hover that shows a formula so activation
 * does not parse ~440 KB. Without them (unit tests) hovers show the TeX source.
 */
export function formulaImages(): FormulaImages {
  images ??= new FormulaImages(loadFormulaSvgs());
  return images;
}

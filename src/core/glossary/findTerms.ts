import { termIndexOf, termsIn, type TermMatch } from './termIndex';
import type { Glossary } from './types';

/** Every glossary term in `text`, left to right, each the longest one starting at its word; no overlaps. */
export function findTerms(glossary: Glossary, text: string): TermMatch[] {
  return termsIn(termIndexOf(glossary), text);
}

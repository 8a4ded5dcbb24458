// CONTRACT STUB (issue 16): the anchoring helper replaces the bodies; the signatures are the contract.
import type { Annotation, QuoteSelector, TextRange } from './types';

/**
 * Finds a quote in `text` (a lesson's plain text): the exact quote near `start` first, then approximate
 * matching of quote and context. Returns UTF-16 offsets into `text` (end exclusive), or undefined when the
 * passage is gone or no candidate is clearly better than the others (an orphan). NFC and NFD anchor alike;
 * typography (curly quotes, dashes, runs of spaces) does not matter.
 */
export function anchorQuote(text: string, selector: QuoteSelector): TextRange | undefined {
  void text;
  void selector;
  throw new Error('anchorQuote: not implemented yet');
}

/** The selector that describes `range` of `text`: exact, and up to `context` characters of prefix and suffix. */
export function describeRange(text: string, range: TextRange, context = 32): Required<QuoteSelector> {
  void text;
  void range;
  void context;
  throw new Error('describeRange: not implemented yet');
}

/** One annotation's place now: its range, or undefined for an orphan. */
export interface AnchorResult {
  id: string;
  range: TextRange | undefined;
}

/** Re-anchors many annotations on one text (the plain text is prepared once, not per annotation). */
export function anchorAnnotations(
  text: string,
  annotations: readonly Pick<Annotation, 'id' | 'exact' | 'prefix' | 'suffix' | 'start'>[],
): AnchorResult[] {
  void text;
  void annotations;
  throw new Error('anchorAnnotations: not implemented yet');
}

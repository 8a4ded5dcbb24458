// What an annotation is, independent of where it is stored or drawn. Offsets are UTF-16 code units into a
// lesson's plain text (plainText.ts), end exclusive.

/** The four highlight colours; the page maps each to a theme-following colour (high contrast included). */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

export interface TextRange {
  start: number;
  end: number;
}

/**
 * A W3C Web Annotation TextQuoteSelector (exact, prefix, suffix) with the TextPositionSelector's start as a
 * hint: where the quote was when the annotation was made.
 */
export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
}

/** One annotation as stored in a notes file (notesFile.ts): the passage, its anchor and the user's note. */
export interface Annotation {
  /** Stable id, 4 to 32 characters of [A-Za-z0-9_-]. */
  id: string;
  color: HighlightColor;
  /** The id of the lesson heading the passage was under when it was made (for the link and grouping). */
  section?: string;
  /** The quoted passage, exactly as it was in the lesson's plain text. */
  exact: string;
  prefix: string;
  suffix: string;
  /** TextPosition at the time it was made (or last re-anchored and saved). */
  start: number;
  end: number;
  /** The user's note, markdown; empty for a plain highlight. */
  note: string;
  /** ISO 8601 creation time. */
  created?: string;
}

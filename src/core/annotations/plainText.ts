// CONTRACT STUB (issue 16): the anchoring helper replaces the body; the signature is the contract.

/** Bumped when the rules below change (stored positions are hints only; quotes re-anchor either way). */
export const PLAIN_TEXT_VERSION = 1;

/**
 * A lesson's plain text from the body HTML the renderer made (RenderedLesson.html, or its parts joined): the
 * text the reader shows, each formula once as its TeX source. The reader page walks its DOM by the same rules
 * (src/webview/annotations/plainText.ts), so offsets agree; a Chromium test checks both on every lesson.
 */
export function lessonPlainText(bodyHtml: string): string {
  void bodyHtml;
  throw new Error('lessonPlainText: not implemented yet');
}

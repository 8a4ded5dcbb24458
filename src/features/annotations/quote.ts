// Copy as Quote: a passage as a markdown quote with a link back to the lesson and section. Pure.

/** Link text with brackets and backslashes escaped and line breaks as spaces. */
function linkText(s: string): string {
  return s
    .replace(/[\\[\]]/g, '\\$&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The passage as `>` lines, then `> — [Lesson › Section](link)`. */
export function quoteMarkdown(
  exact: string,
  source: { lessonTitle: string; sectionTitle?: string; link: string },
): string {
  const lines = exact
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((l) => (l.trim() === '' ? '>' : `> ${l}`));
  const title = [source.lessonTitle, source.sectionTitle].filter((t) => t && t.trim()).map((t) => linkText(t!));
  const target = source.link.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return [...lines, '>', `> — [${title.join(' › ') || 'Interp Lessons'}](${target})`, ''].join('\n');
}

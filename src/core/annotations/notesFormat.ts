// Writing a notes file: an entry, a new file's opening, new ids (the format: docs/annotations-format.md).
import { anchorFields, commentSafeJson, formatAnchorLine, NOTES_FORMAT_VERSION } from './notesAnchor';
import type { EntryContext, NotesFileHeader } from './notesFile';
import { escapeNoteLines, isLessonLink, normalizeNote } from './notesLines';
import type { Annotation } from './types';

/** Markdown link text: brackets and backslashes escaped, line breaks and other control characters as spaces. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const linkText = (s: string) => s.replace(/[\\[\]]/g, '\\$&').replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
/** Parentheses and spaces percent-encoded, so the target ends where markdown expects. */
const linkTarget = (s: string) =>
  s.replace(/[()\s<>]/gu, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));

/** An entry's closing line: a link to the lesson's section, with `Lesson › Section` as its text. */
export function entryLinkLine(ctx: EntryContext): string {
  const target = linkTarget(ctx.link);
  if (!isLessonLink(target)) throw new Error(`not a lesson link: ${ctx.link}`);
  const text = [ctx.lessonTitle, ctx.sectionTitle].filter((t) => t && t.trim()).join(' › ') || 'Interp Lessons';
  return `[${linkText(text)}](${target})`;
}

/**
 * An annotation as an entry of a notes file, `\n` line breaks, ending with one: the anchor line, the quote as
 * `>` lines, a blank line, the note (normalizeNote) and a blank line when there is one, the link line.
 */
export function formatEntry(annotation: Annotation, ctx: EntryContext): string {
  const exact = annotation.exact.replace(/\r\n?/g, '\n');
  if (exact === '') throw new Error(`annotation ${annotation.id}: the quote is empty`);
  const quote = exact.split('\n').map((l) => (l === '' ? '>' : '> ' + l));
  const note = normalizeNote(annotation.note);
  const noteLines = note === '' ? [] : [...escapeNoteLines(note), ''];
  return [formatAnchorLine(anchorFields(annotation)), ...quote, '', ...noteLines, entryLinkLine(ctx), ''].join('\n');
}

/** The start of the comment that says what the file is (newNotesFile). */
export const FILE_COMMENT = '<!-- interp-lessons notes';

/** A title on one line (headings and comments cannot hold line breaks). */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
export const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

/** What a new notes file holds before its first entry: the title, what the file is, a link to the lesson. */
export function newNotesFile(header: NotesFileHeader): string {
  const title = oneLine(header.title);
  const about = commentSafeJson({ lesson: header.lessonId, language: header.language });
  return [
    `# ${oneLine(header.label ?? 'Notes')}: ${title}`,
    '',
    `${FILE_COMMENT} v${NOTES_FORMAT_VERSION} ${about}: written by the Interp Lessons extension; edit freely, text outside entries is kept -->`,
    '',
    `[${linkText(title)}](${linkTarget(header.link)})`,
    '',
  ].join('\n');
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new annotation id: 8 characters of [a-z0-9] (36^8, about 2.8e12: unique within a lesson's notes). */
export function newAnnotationId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 8; i++) {
    const k = Math.floor(random() * 36);
    id += ID_ALPHABET[k >= 0 && k < 36 ? k : 0];
  }
  return id;
}

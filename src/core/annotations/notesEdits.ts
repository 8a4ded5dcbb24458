// The edits the extension makes to a notes file, each one replacement `{ start, end, newText }` in the file's text:
// every byte outside the entry it changes (or the place a new entry goes) stays as it was. Each edit reads the
// file again and finds the entry by its id, so an entry parsed from an older text cannot cut the wrong lines.
import { formatAnchorLine } from './notesAnchor';
import type { EntryContext, NotesEdit, NotesEntry } from './notesFile';
import { formatEntry, oneLine } from './notesFormat';
import { eolOf, escapeNoteLines, isBlank, normalizeNote, type NotesLine } from './notesLines';
import { scanNotes, type NotesScan, type ScannedEntry } from './notesScan';
import { HIGHLIGHT_COLORS, type Annotation } from './types';

/** The file uses a newer format version: the extension shows it and never changes it. */
export class NotesReadOnlyError extends Error {
  constructor() {
    super('This notes file was written by a newer version of Interp Lessons: it is shown but never changed.');
    this.name = 'NotesReadOnlyError';
  }
}

function writable(text: string): NotesScan {
  const scan = scanNotes(text);
  if (scan.readOnly) throw new NotesReadOnlyError();
  return scan;
}

function current(scan: NotesScan, entry: Pick<NotesEntry, 'id'>): ScannedEntry {
  const found = scan.entries.find((e) => e.entry.id === entry.id);
  if (!found) throw new Error(`annotation ${entry.id} is not in this notes file`);
  return found;
}

/** Inserts `block` (`\n` line breaks, ending with one) before line `at`, one blank line from its neighbours. */
function insertBlock(text: string, lines: NotesLine[], at: number, block: string): NotesEdit {
  const eol = eolOf(text);
  const p = at < lines.length ? lines[at].start : text.length;
  let before = '';
  if (at > 0) {
    const prev = lines[at - 1];
    if (prev.next === prev.end) before = eol + eol;
    else if (!isBlank(prev.text)) before = eol;
  }
  const after = at < lines.length && !isBlank(lines[at].text) ? eol : '';
  return { start: p, end: p, newText: before + block.replace(/\n/g, eol) + after };
}

interface Region {
  /** The `## ` heading's line and title (none for the part before the first one). */
  heading?: { line: number; title: string };
  from: number;
  to: number;
  entries: ScannedEntry[];
}

/** The part before the first `## ` heading, then one region per `## ` heading, up to the next heading of level 1-2. */
function regions(scan: NotesScan): Region[] {
  const { headings, lines } = scan;
  const firstH2 = headings.find((h) => h.level === 2);
  const out: Region[] = [{ from: 0, to: firstH2 ? firstH2.line : lines.length, entries: [] }];
  headings.forEach((h, i) => {
    if (h.level !== 2) return;
    const to = i + 1 < headings.length ? headings[i + 1].line : lines.length;
    out.push({ heading: { line: h.line, title: h.title }, from: h.line + 1, to, entries: [] });
  });
  // Entries and regions are both in line order: one pass assigns each entry to the region holding it, if any.
  let r = 0;
  for (const e of scan.entries) {
    while (r < out.length && out[r].to <= e.entry.line) r++;
    if (r < out.length && e.entry.line >= out[r].from) out[r].entries.push(e);
  }
  return out;
}

/** Titles compared as a reader sees them: NFC and NFD alike, runs of spaces as one. */
const titleKey = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const sameTitle = (a: string, b: string) => titleKey(a) === titleKey(b);

/** Where an annotation goes: the line it is inserted before, and the heading to create when its section has none. */
function placeFor(
  scan: NotesScan,
  a: Annotation,
  sectionTitle: string | undefined,
): { line: number; heading?: string } {
  const all = regions(scan);
  const sections = all.slice(1);
  let region: Region | undefined;
  if (a.section === undefined && !sectionTitle) region = all[0];
  else {
    region = sections.find((r) => a.section !== undefined && r.entries.some((e) => e.entry.section === a.section));
    region ??= sectionTitle ? sections.find((r) => sameTitle(r.heading!.title, sectionTitle)) : undefined;
  }
  if (region) {
    const later = region.entries.find((e) => e.entry.start > a.start);
    return { line: later ? later.entry.line : region.to };
  }
  // A new section goes before the first section whose entries all come later in the lesson.
  const later = sections.find((r) => r.entries.length && r.entries.every((e) => e.entry.start > a.start));
  return { line: later ? later.heading!.line : scan.lines.length, heading: oneLine(sectionTitle ?? a.section ?? '') };
}

/**
 * Adds an annotation under its section's `## ` heading (made when missing), before the first entry there that
 * starts later in the lesson: an insertion only.
 */
export function insertEntryEdit(text: string, annotation: Annotation, ctx: EntryContext): NotesEdit {
  const scan = writable(text);
  if (scan.entries.some((e) => e.entry.id === annotation.id))
    throw new Error(`annotation ${annotation.id} is in this notes file already`);
  const entry = formatEntry(annotation, ctx);
  const place = placeFor(scan, annotation, ctx.sectionTitle);
  const block = place.heading !== undefined ? `## ${place.heading}\n\n${entry}` : entry;
  return insertBlock(text, scan.lines, place.line, block);
}

/** Replaces the note's text only (normalizeNote); an empty note removes it with the blank line before it. */
export function replaceNoteEdit(text: string, entry: NotesEntry, note: string): NotesEdit {
  const scan = writable(text);
  const e = current(scan, entry);
  const eol = eolOf(text);
  const normal = normalizeNote(note);
  const { noteSpan } = e.entry;
  const quoteEnd = scan.lines[e.quoteLast].end;
  const hadNote = noteSpan.start !== noteSpan.end;
  if (normal === '') return { start: hadNote ? quoteEnd : noteSpan.start, end: noteSpan.end, newText: '' };
  const written = escapeNoteLines(normal).join(eol);
  if (hadNote) return { start: noteSpan.start, end: noteSpan.end, newText: written };
  const following = scan.lines[e.quoteLast + 1];
  const after = following && !isBlank(following.text) ? eol : '';
  return { start: quoteEnd, end: quoteEnd, newText: eol + eol + written + after };
}

/** Removes the entry's lines and one blank line next to them (the one after, else at the end the one before). */
export function deleteEntryEdit(text: string, entry: NotesEntry): NotesEdit {
  const scan = writable(text);
  const e = current(scan, entry);
  const { lines } = scan;
  const first = e.entry.line;
  if (e.last + 1 < lines.length && isBlank(lines[e.last + 1].text))
    return { start: lines[first].start, end: lines[e.last + 1].next, newText: '' };
  // At the end of the file the blank line before goes instead; before other text it stays, to keep paragraphs apart.
  const atEnd = e.last + 1 === lines.length;
  const from = atEnd && first > 0 && isBlank(lines[first - 1].text) ? first - 1 : first;
  return { start: lines[from].start, end: lines[e.last].next, newText: '' };
}

/** Rewrites the anchor line only, with its JSON as it was but for the colour. */
export function setColorEdit(text: string, entry: NotesEntry, color: Annotation['color']): NotesEdit {
  if (!HIGHLIGHT_COLORS.includes(color)) throw new Error(`not a highlight colour: ${String(color)}`);
  const scan = writable(text);
  const e = current(scan, entry);
  const line = scan.lines[e.entry.line];
  let newText: string;
  try {
    newText = formatAnchorLine({ ...e.fields, color });
  } catch {
    throw new Error(`annotation ${entry.id}: its anchor line is too deeply nested to rewrite`);
  }
  return { start: line.start, end: line.end, newText };
}

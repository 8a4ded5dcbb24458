// Moving a notes file onto one already there (Move Notes into Workspace) without dropping anything: the entries
// the target lacks are appended as written, and the source is kept while it holds text the target does not. Pure.
import type { NotesFile } from '../../core/activation';

export interface NotesMerge {
  /** Text to add at the end of the target ('' when it already has every entry). */
  append: string;
  /** Ids of the entries appended. */
  appended: string[];
  /** Ids the target has already, with the same text. */
  alreadyThere: string[];
  /**
   * What the source holds that the target will not: its own lines outside entries, and entries whose id the
   * target has with other text. The source may be deleted only when this is empty.
   */
  leftover: string[];
}

const trimEnd = (s: string) => s.replace(/\s+$/, '');

/** How to bring `source`'s entries into `target` (both whole notes files' texts), read with `parse`. */
export function mergeNotes(source: string, target: string, parse: (text: string) => NotesFile): NotesMerge {
  const from = parse(source);
  const into = new Map(parse(target).entries.map((e) => [e.id, trimEnd(target.slice(e.span.start, e.span.end))]));
  const pieces: string[] = [];
  const appended: string[] = [];
  const alreadyThere: string[] = [];
  const leftover: string[] = [];
  for (const entry of from.entries) {
    const text = trimEnd(source.slice(entry.span.start, entry.span.end));
    const there = into.get(entry.id);
    if (there === undefined) {
      pieces.push(text);
      appended.push(entry.id);
    } else if (normalizeEol(there) === normalizeEol(text)) alreadyThere.push(entry.id);
    else leftover.push(text);
  }
  leftover.push(...linesOutsideEntries(source, from).filter((line) => !linesOf(target).has(line)));
  const eol = /\r\n/.test(target) ? '\r\n' : '\n';
  const join = pieces.map(normalizeEol).join('\n\n').replace(/\n/g, eol);
  const gap = target === '' || /(\r?\n){2}$/.test(target) ? '' : /\r?\n$/.test(target) ? eol : eol + eol;
  return { append: join ? gap + join + eol : '', appended, alreadyThere, leftover };
}

function normalizeEol(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function linesOf(text: string): Set<string> {
  return new Set(text.split(/\r?\n/).map((l) => l.trim()));
}

/** The source's non-blank lines that are not part of any entry, trimmed. */
function linesOutsideEntries(text: string, file: NotesFile): string[] {
  const spans = [...file.entries].map((e) => e.span).sort((a, b) => a.start - b.start);
  let outside = '';
  let at = 0;
  for (const span of spans) {
    if (span.start > at) outside += text.slice(at, span.start) + '\n';
    at = Math.max(at, span.end);
  }
  outside += text.slice(at);
  return outside
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

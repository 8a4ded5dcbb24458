// What the Annotations view shows, without VS Code: lessons → sections → annotations (orphans in a group of their
// own), the filter, and the short texts of an item. tree.ts turns these nodes into TreeItems.
import { normalizeWord, type HighlightColor, type NotesEntry, type TextRange } from '../../core/activation';
import type { LessonRef } from '../shared/annotationBridge';

/** One lesson's annotations as the view holds them (read from the store, anchored on the lesson's text). */
export interface LessonAnnotations {
  ref: LessonRef;
  /** One key per notes file (notesPaths.refKey): the tree item's id. */
  key: string;
  title: string;
  /** The lesson's headings in order (the lesson could not be loaded: none). */
  sections: readonly { id: string; title: string }[];
  anchored: readonly { entry: NotesEntry; range: TextRange | undefined }[];
  readOnly: boolean;
}

export type AnnotationNode =
  | { kind: 'lesson'; lesson: LessonAnnotations; shown: number }
  | { kind: 'section'; lesson: LessonAnnotations; id: string | undefined; title: string; items: AnnotationNode[] }
  | { kind: 'orphans'; lesson: LessonAnnotations; items: AnnotationNode[] }
  | { kind: 'annotation'; lesson: LessonAnnotations; entry: NotesEntry; orphan: boolean };

/** Fold for filtering: case, diacritics (đ too) and normal form do not matter ("sieu chong chap"). */
export function foldForFilter(text: string): string {
  return normalizeWord(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

/** Whether an entry's quote or note holds the folded filter (an empty filter matches everything). */
export function matchesFilter(entry: NotesEntry, folded: string): boolean {
  return !folded || foldForFilter(entry.exact).includes(folded) || foldForFilter(entry.note).includes(folded);
}

/** The lessons with something to show under the filter, A–Z by title, each with how many entries it shows. */
export function lessonNodes(lessons: Iterable<LessonAnnotations>, filter: string, locale: string): AnnotationNode[] {
  const folded = foldForFilter(filter.trim());
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...lessons]
    .map((lesson) => ({ lesson, shown: lesson.anchored.filter((a) => matchesFilter(a.entry, folded)).length }))
    .filter((n) => n.shown > 0)
    .sort((a, b) => collator.compare(a.lesson.title, b.lesson.title))
    .map((n) => ({ kind: 'lesson' as const, ...n }));
}

/**
 * A lesson's children: its sections in the lesson's order (entries by their place in the text), those of no
 * known section in a group titled `noSection` (first: they come before any heading), then the orphans.
 */
export function lessonChildren(lesson: LessonAnnotations, filter: string, noSection: string): AnnotationNode[] {
  const folded = foldForFilter(filter.trim());
  const shown = lesson.anchored.filter((a) => matchesFilter(a.entry, folded));
  const known = new Set(lesson.sections.map((s) => s.id));
  const bySection = new Map<string | undefined, typeof shown>();
  const orphans: AnnotationNode[] = [];
  for (const a of [...shown].sort((x, y) => (x.range?.start ?? 0) - (y.range?.start ?? 0))) {
    if (!a.range) {
      orphans.push({ kind: 'annotation', lesson, entry: a.entry, orphan: true });
      continue;
    }
    const id = a.entry.section && known.has(a.entry.section) ? a.entry.section : undefined;
    bySection.set(id, [...(bySection.get(id) ?? []), a]);
  }
  const items = (list: typeof shown): AnnotationNode[] =>
    list.map((a) => ({ kind: 'annotation', lesson, entry: a.entry, orphan: false }));
  const out: AnnotationNode[] = [];
  const loose = bySection.get(undefined);
  if (loose) out.push({ kind: 'section', lesson, id: undefined, title: noSection, items: items(loose) });
  for (const s of lesson.sections) {
    const list = bySection.get(s.id);
    if (list) out.push({ kind: 'section', lesson, id: s.id, title: s.title, items: items(list) });
  }
  if (orphans.length) out.push({ kind: 'orphans', lesson, items: orphans });
  return out;
}

/** A quote on one line, shortened at a word to about `max` characters. */
export function shortQuote(exact: string, max = 60): string {
  const line = exact.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.lastIndexOf(' ', max);
  return `${line.slice(0, cut > max / 2 ? cut : max).trimEnd()}…`;
}

/** The first non-empty line of a note (its markdown as written), or '' for a plain highlight. */
export function firstLine(note: string): string {
  return (
    note
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l) ?? ''
  );
}

/** The chart colour each highlight colour is drawn with in the view (theme colours, high contrast included). */
export const COLOR_THEME_IDS: Record<HighlightColor, string> = {
  yellow: 'charts.yellow',
  green: 'charts.green',
  blue: 'charts.blue',
  pink: 'charts.purple',
};

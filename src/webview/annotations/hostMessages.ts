// What the host sends about annotations, checked before the page acts on it: the host is trusted to send safe
// note HTML, but a message of the wrong shape or a range past the text must not throw or draw somewhere else.
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../core/annotations/types';
import type { AnnotationLabels } from '../../core/page/annotationMessages';
import type { DrawItem } from './model';

export interface AnnotationsToDraw {
  lessonId: string;
  seq: number;
  textLength: number;
  items: DrawItem[];
  /** Ids of items whose shape or range was wrong: reported back as not drawn. */
  invalid: string[];
  labels: AnnotationLabels;
}

const ID = /^[A-Za-z0-9_-]{4,32}$/;
const MAX_ITEMS = 20_000;
const MAX_NOTE_HTML = 2_000_000;

/** English words until (or when) the host sends its own. */
export const DEFAULT_LABELS: AnnotationLabels = {
  toolbar: 'Annotate selection',
  highlight: 'Highlight',
  addNote: 'Add Note…',
  copyQuote: 'Copy as Quote',
  edit: 'Edit Note',
  delete: 'Delete',
  colors: { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' },
};

const isColor = (v: unknown): v is HighlightColor => HIGHLIGHT_COLORS.includes(v as HighlightColor);
const word = (v: unknown, fallback: string): string =>
  typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : fallback;

function labelsOf(v: unknown): AnnotationLabels {
  const l = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const colors = (l.colors && typeof l.colors === 'object' ? l.colors : {}) as Record<string, unknown>;
  const d = DEFAULT_LABELS;
  return {
    toolbar: word(l.toolbar, d.toolbar),
    highlight: word(l.highlight, d.highlight),
    addNote: word(l.addNote, d.addNote),
    copyQuote: word(l.copyQuote, d.copyQuote),
    edit: word(l.edit, d.edit),
    delete: word(l.delete, d.delete),
    colors: {
      yellow: word(colors.yellow, d.colors.yellow),
      green: word(colors.green, d.colors.green),
      blue: word(colors.blue, d.colors.blue),
      pink: word(colors.pink, d.colors.pink),
    },
  };
}

function itemOf(v: unknown, textLength: number): DrawItem | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const { id, color, start, end, noteHtml } = o;
  if (typeof id !== 'string' || !ID.test(id) || !isColor(color)) return undefined;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  if ((start as number) < 0 || (end as number) <= (start as number) || (end as number) > textLength) return undefined;
  const note = typeof noteHtml === 'string' && noteHtml.length <= MAX_NOTE_HTML ? noteHtml : '';
  return { id, color, start: start as number, end: end as number, noteHtml: note };
}

/** The 'annotations' message, checked; undefined when it is not one at all. */
export function parseAnnotationsMessage(m: Record<string, unknown>): AnnotationsToDraw | undefined {
  if (m.type !== 'annotations' || typeof m.lessonId !== 'string' || !Array.isArray(m.items)) return undefined;
  if (!Number.isInteger(m.seq) || !Number.isInteger(m.textLength) || (m.textLength as number) < 0) return undefined;
  const textLength = m.textLength as number;
  const items: DrawItem[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of m.items.slice(0, MAX_ITEMS)) {
    const item = itemOf(raw, textLength);
    const id = (raw as { id?: unknown } | null)?.id;
    if (!item) {
      if (typeof id === 'string' && ID.test(id) && !seen.has(id)) invalid.push(id);
    } else if (!seen.has(item.id)) items.push(item);
    seen.add(item?.id ?? String(id));
  }
  return { lessonId: m.lessonId, seq: m.seq as number, textLength, items, invalid, labels: labelsOf(m.labels) };
}

/** The id of a 'revealAnnotation' message, or undefined. */
export function revealId(m: Record<string, unknown>): string | undefined {
  return m.type === 'revealAnnotation' && typeof m.id === 'string' && ID.test(m.id) ? m.id : undefined;
}

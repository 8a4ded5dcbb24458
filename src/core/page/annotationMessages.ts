// The reader page's annotation protocol (issue 16), both directions. The page is not trusted: what it sends is
// validated here; what the host sends carries offsets into the lesson's plain text (core/annotations).
import { HIGHLIGHT_COLORS, type HighlightColor } from '../annotations/types';

/** A selection in the page, in plain-text offsets, with the text it covers (the host checks it) and its section. */
export interface PageRange {
  start: number;
  end: number;
  exact: string;
  section?: string;
}

/** Messages the page sends about annotations. */
export type AnnotationPageMessage =
  /** The selection changed (debounced); no range: nothing (or nothing in the lesson) is selected. */
  | { type: 'selection'; lessonId: string; range?: PageRange }
  /** A toolbar or context-menu action on a selection. */
  | {
      type: 'annotate';
      lessonId: string;
      action: 'highlight' | 'note' | 'quote';
      color?: HighlightColor;
      range: PageRange;
    }
  /** An action on a drawn highlight (its popover). */
  | { type: 'annotation'; lessonId: string; id: string; action: 'edit' | 'delete' | 'color'; color?: HighlightColor }
  /** The page drew an 'annotations' message: how many, which ids it could not place, how long it took. */
  | { type: 'annotationsDrawn'; lessonId: string; seq: number; drawn: number; notDrawn: string[]; ms: number };

/** One highlight to draw: a range of the plain text and its note, already rendered to safe HTML by the host. */
export interface PageAnnotation {
  id: string;
  color: HighlightColor;
  start: number;
  end: number;
  /** The note rendered with the lessons' rules (markdown, html: false, KaTeX); empty for a plain highlight. */
  noteHtml: string;
}

/** Localised words of the toolbar and popover. */
export interface AnnotationLabels {
  toolbar: string;
  highlight: string;
  addNote: string;
  copyQuote: string;
  edit: string;
  delete: string;
  colors: Record<HighlightColor, string>;
}

/** What the host sends: every annotation of the shown lesson (replacing what was drawn), or one to reveal. */
export type PageAnnotationsMessage = {
  type: 'annotations';
  lessonId: string;
  /** Increases with each message; the page reports it back in 'annotationsDrawn'. */
  seq: number;
  /** Length of the host's plain text: the page checks its own walk agrees before drawing. */
  textLength: number;
  items: PageAnnotation[];
  labels: AnnotationLabels;
};

const MAX_EXACT = 20_000;
const MAX_OFFSET = 50_000_000;
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const offset = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_OFFSET;
const isColor = (v: unknown): v is HighlightColor => HIGHLIGHT_COLORS.includes(v as HighlightColor);
const ID = /^[A-Za-z0-9_-]{4,32}$/;

function pageRange(v: unknown): PageRange | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  if (!offset(r.start) || !offset(r.end) || r.end <= r.start || !str(r.exact, MAX_EXACT)) return undefined;
  if (r.exact.length !== r.end - r.start) return undefined;
  return { start: r.start, end: r.end, exact: r.exact, section: str(r.section, 200) ? r.section : undefined };
}

/** Validates an annotation message from the page; undefined for anything malformed. */
export function parseAnnotationPageMessage(o: Record<string, unknown>): AnnotationPageMessage | undefined {
  if (!str(o.lessonId, 200)) return undefined;
  const lessonId = o.lessonId;
  switch (o.type) {
    case 'selection': {
      if (o.range === undefined || o.range === null) return { type: 'selection', lessonId };
      const range = pageRange(o.range);
      return range && { type: 'selection', lessonId, range };
    }
    case 'annotate': {
      const range = pageRange(o.range);
      if (!range || (o.action !== 'highlight' && o.action !== 'note' && o.action !== 'quote')) return undefined;
      if (o.color !== undefined && !isColor(o.color)) return undefined;
      return { type: 'annotate', lessonId, action: o.action, color: o.color, range };
    }
    case 'annotation': {
      if (!str(o.id, 32) || !ID.test(o.id)) return undefined;
      if (o.action !== 'edit' && o.action !== 'delete' && o.action !== 'color') return undefined;
      if (o.action === 'color' && !isColor(o.color)) return undefined;
      return {
        type: 'annotation',
        lessonId,
        id: o.id,
        action: o.action,
        color: isColor(o.color) ? o.color : undefined,
      };
    }
    case 'annotationsDrawn': {
      if (!Number.isInteger(o.seq) || !Number.isInteger(o.drawn) || typeof o.ms !== 'number' || !Number.isFinite(o.ms))
        return undefined;
      const notDrawn = Array.isArray(o.notDrawn)
        ? o.notDrawn.filter((x): x is string => str(x, 32)).slice(0, 10_000)
        : [];
      return { type: 'annotationsDrawn', lessonId, seq: o.seq as number, drawn: o.drawn as number, notDrawn, ms: o.ms };
    }
    default:
      return undefined;
  }
}

/** The message types parseAnnotationPageMessage handles. */
export const ANNOTATION_PAGE_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'selection',
  'annotate',
  'annotation',
  'annotationsDrawn',
]);

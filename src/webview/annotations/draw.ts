// Paints highlights over the lesson body with the CSS Custom Highlight API: one `Highlight` per colour, registered
// as `il-hl-<colour>` and styled by `::highlight()` in media/reader.css. Each highlight is a list of Ranges, one per
// piece of text the DOM walker counts, and one around each formula it covers (a formula is highlighted whole).
// Nothing is inserted into the text, so the page's layout is the same with highlights as without them
// (docs/performance.md, annotationsLayout).
//
// No <mark> fallback: the extension needs VS Code 1.96 (Electron 32, Chromium 128) and the API is in Chromium
// since 105, in Safari since 17.2 and in Firefox since 140, so no page this script runs in lacks it; without it,
// every highlight is reported to the host as not drawn.
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../core/annotations/types';
import type { DomTextIndex, DrawItem } from './model';

/** The registry name of a colour's highlight (`::highlight(il-hl-yellow)`). */
export const highlightName = (color: HighlightColor): string => `il-hl-${color}`;
/** The registry name of the short flash of a revealed highlight. */
export const FLASH_NAME = 'il-hl-flash';

/** One highlight as painted. */
export interface DrawnHighlight {
  item: DrawItem;
  /** In document order; live Ranges, so notes inserted between blocks do not move them. */
  ranges: Range[];
  /** The element that holds its start: a formula, or the parent of its first text. */
  element: HTMLElement;
}

/** The painted highlights by id, in the order of their start in the text. */
export type DrawnHighlights = Map<string, DrawnHighlight>;

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** Takes every painted highlight (and a flash) off the page. */
export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  for (const color of HIGHLIGHT_COLORS) CSS.highlights.delete(highlightName(color));
  CSS.highlights.delete(FLASH_NAME);
}

/** Paints each item's range; items with nothing to paint are returned as not drawn. */
export function drawHighlights(index: DomTextIndex, items: DrawItem[]): { drawn: DrawnHighlights; notDrawn: string[] } {
  clearHighlights();
  const drawn: DrawnHighlights = new Map();
  if (!highlightsSupported()) return { drawn, notDrawn: items.map((i) => i.id) };
  const notDrawn: string[] = [];
  const byColor = new Map<HighlightColor, Range[]>();
  for (const item of [...items].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const ranges: Range[] = [];
    let element: HTMLElement | undefined;
    for (const s of index.segments(item.start, item.end)) {
      const r = document.createRange();
      if ('formula' in s) {
        r.selectNode(s.formula);
        element ??= s.formula;
      } else {
        if (!(s.end > s.start) || !inText(s.node)) continue;
        r.setStart(s.node, s.start);
        r.setEnd(s.node, s.end);
        element ??= s.node.parentElement ?? undefined;
      }
      ranges.push(r);
    }
    if (ranges.length === 0 || !element) {
      notDrawn.push(item.id);
      continue;
    }
    drawn.set(item.id, { item, ranges, element });
    byColor.set(item.color, [...(byColor.get(item.color) ?? []), ...ranges]);
  }
  for (const [color, ranges] of byColor) CSS.highlights.set(highlightName(color), new Highlight(...ranges));
  return { drawn, notDrawn };
}

/** Whitespace between list items or table rows: not text a reader sees (a tint there would be a stray box). */
const STRUCTURE = new Set(['UL', 'OL', 'DL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'COLGROUP']);
function inText(node: Text): boolean {
  return !(STRUCTURE.has(node.parentElement?.tagName ?? '') && node.data.trim() === '');
}

/** The highlight's first line box on screen (viewport coordinates). */
export function firstRect(h: DrawnHighlight): DOMRect {
  for (const r of h.ranges) {
    const rects = r.getClientRects();
    for (const rect of Array.from(rects)) if (rect.width > 0 || rect.height > 0) return rect;
  }
  return h.ranges[0].getBoundingClientRect();
}

/** Every line box of the highlight (viewport coordinates), empty ones left out. */
export function lineRects(h: DrawnHighlight): DOMRect[] {
  return h.ranges.flatMap((r) => Array.from(r.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0));
}

/** The highlight's text as painted: what each Range holds (a formula's range holds all of KaTeX's text). */
export function paintedText(h: DrawnHighlight): string {
  return h.ranges.map((r) => r.toString()).join('');
}

/**
 * The highlight under a point of the viewport, or undefined: the innermost (shortest) of those whose line boxes
 * hold the point. The caret position at the point narrows the candidates to those around its plain-text offset.
 */
export function highlightAt(
  x: number,
  y: number,
  drawn: DrawnHighlights,
  index: DomTextIndex | undefined,
): DrawnHighlight | undefined {
  const offset = index ? caretOffset(x, y, index) : undefined;
  let best: DrawnHighlight | undefined;
  for (const h of drawn.values()) {
    if (offset !== undefined && (h.item.start > offset || h.item.end < offset)) continue;
    if (best && h.item.end - h.item.start >= best.item.end - best.item.start) continue;
    if (lineRects(h).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) best = h;
  }
  return best;
}

function caretOffset(x: number, y: number, index: DomTextIndex): number | undefined {
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    return p ? index.offsetOf(p.offsetNode, p.offset, 'start') : undefined;
  }
  if (typeof document.caretRangeFromPoint === 'function') {
    const r = document.caretRangeFromPoint(x, y);
    return r ? index.offsetOf(r.startContainer, r.startOffset, 'start') : undefined;
  }
  return undefined;
}

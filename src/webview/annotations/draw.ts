// Draws highlights over the lesson body: each range's text is wrapped in <mark> elements (one per highlight
// covering a piece, nested where highlights overlap) and each formula in a range is marked whole by a class.
import type { DomTextIndex, DrawItem } from './model';

const HL_CLASS = /^il-hl(-|$)/;

/** Removes every drawn highlight, leaving the body's text nodes as the page received them. */
export function clearHighlights(body: HTMLElement): void {
  for (const m of Array.from(body.querySelectorAll('mark[data-il-ann]'))) m.replaceWith(...Array.from(m.childNodes));
  for (const el of Array.from(body.querySelectorAll<HTMLElement>('[data-il-ann]'))) {
    el.classList.remove(...Array.from(el.classList).filter((c) => HL_CLASS.test(c)));
    for (const a of ['data-il-ann', 'data-vscode-context', 'tabindex', 'role', 'aria-haspopup']) el.removeAttribute(a);
  }
  // Splitting left adjacent text nodes; parsed HTML never has them, so joining restores the original nodes.
  body.normalize();
}

/** The first element of each drawn highlight (its anchor for notes, focus and the popover). */
export type DrawnAnchors = Map<string, HTMLElement>;

interface Cover {
  start: number;
  end: number;
  item: DrawItem;
  first: boolean;
}

/** Wraps each item's range; items with nothing to wrap are returned as not drawn. */
export function drawHighlights(index: DomTextIndex, items: DrawItem[]): { anchors: DrawnAnchors; notDrawn: string[] } {
  const byNode = new Map<Text, Cover[]>();
  const formulas = new Map<HTMLElement, DrawItem[]>();
  const anchors: DrawnAnchors = new Map();
  const notDrawn: string[] = [];
  for (const item of items) {
    const segments = index.segments(item.start, item.end);
    if (segments.length === 0) notDrawn.push(item.id);
    segments.forEach((s, i) => {
      if ('formula' in s) {
        formulas.set(s.formula, [...(formulas.get(s.formula) ?? []), item]);
        if (i === 0) anchors.set(item.id, s.formula);
      } else if (s.end > s.start) {
        const list = byNode.get(s.node) ?? [];
        list.push({ start: s.start, end: s.end, item, first: i === 0 });
        byNode.set(s.node, list);
      }
    });
  }
  for (const [node, covers] of byNode) wrapNode(node, covers, anchors);
  for (const [el, list] of formulas) markFormula(el, list);
  return { anchors, notDrawn };
}

/** Splits a text node at every boundary of the highlights on it and wraps each covered piece. */
function wrapNode(node: Text, covers: Cover[], anchors: DrawnAnchors): void {
  const cuts = [...new Set(covers.flatMap((c) => [c.start, c.end]))]
    .filter((x) => x > 0 && x < node.length)
    .sort((a, b) => a - b);
  const pieces: { at: number; node: Text }[] = [{ at: 0, node }];
  for (let i = cuts.length - 1; i >= 0; i--) pieces.splice(1, 0, { at: cuts[i], node: node.splitText(cuts[i]) });
  // Outermost first: the highlight that starts first (and of those the longest) holds the others.
  const order = [...covers].sort((a, b) => a.item.start - b.item.start || b.item.end - a.item.end);
  for (const piece of pieces) {
    const over = order.filter((c) => c.start <= piece.at && c.end >= piece.at + piece.node.length);
    if (over.length === 0 || !inText(piece.node)) continue;
    let parent: Node = piece.node.parentNode!;
    let before: Node | null = piece.node;
    for (const c of over) {
      const mark = markFor(c.item);
      parent.insertBefore(mark, before);
      if (c.first && c.start === piece.at) anchors.set(c.item.id, mark);
      parent = mark;
      before = null;
    }
    parent.appendChild(piece.node);
  }
}

/** Whitespace between list items or table rows: a <mark> there would be a stray box in the list or table. */
const STRUCTURE = new Set(['UL', 'OL', 'DL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'COLGROUP']);
function inText(node: Text): boolean {
  return !(STRUCTURE.has(node.parentElement?.tagName ?? '') && node.data.trim() === '');
}

function markFor(item: DrawItem): HTMLElement {
  const mark = document.createElement('mark');
  mark.className = `il-hl il-hl-${item.color}`;
  mark.dataset.ilAnn = item.id;
  mark.dataset.vscodeContext = JSON.stringify({ webviewSection: 'highlight', annotationId: item.id });
  return mark;
}

/** A formula is marked whole: the colour of the last highlight over it, and every id (space-separated). */
function markFormula(el: HTMLElement, items: DrawItem[]): void {
  const last = items[items.length - 1];
  el.classList.add('il-hl', `il-hl-${last.color}`, 'il-hl-formula');
  el.dataset.ilAnn = items.map((i) => i.id).join(' ');
  el.dataset.vscodeContext = JSON.stringify({ webviewSection: 'highlight', annotationId: items[0].id });
}

/** Makes each highlight's first element a keyboard stop that opens its popover. */
export function makeFocusable(anchors: DrawnAnchors): void {
  for (const el of anchors.values()) {
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-haspopup', 'dialog');
  }
}

// The reader page's side of a lesson's plain text (issue 16): walks the lesson body's DOM by the same rules as
// lessonPlainText (src/core/annotations/plainText.ts, the extension host's side, over the same HTML), so
// offsets agree to the character; test/browser/annotations-plaintext.test.ts checks both on every lesson.
// The rules themselves: src/core/annotations/plainTextRules.ts and docs/annotations-anchoring.md.
//
// Runs in the browser (bundled into media/reader.js). A snapshot of the body's nodes: highlights are painted over
// them (draw.ts) without changing them, and the note cards the page puts among the blocks are skipped.
import { childMode, countsText, TextMode } from '../../core/annotations/plainTextRules';

/** A piece of one text node: [start, end) in that node's own offsets (for Range.setStart/setEnd, splitText). */
export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}
/** A whole formula (the `.katex` element), counted as one unit: its TeX source. */
export interface FormulaSegment {
  formula: HTMLElement;
}

export interface DomTextIndex {
  text: string;
  /**
   * Plain-text offset of a DOM boundary point (a selection end); inside a formula: its start or end (`side`).
   * A point in something that does not count (a button, a figure) gets the offset where the text around it
   * meets. Undefined for a point outside the root.
   */
  offsetOf(node: Node, offset: number, side: 'start' | 'end'): number | undefined;
  /** What covers [start, end): pieces of text nodes, and whole formulas (elements counted as one TeX unit). */
  segments(start: number, end: number): (TextSegment | FormulaSegment)[];
}

interface Entry {
  start: number;
  end: number;
  /** A counted text node, or else a formula. */
  node?: Text;
  formula?: HTMLElement;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Indexes the text under `root` (the page's `div.il-lesson-body`; its own attributes do not matter). */
export function indexDomText(root: HTMLElement): DomTextIndex {
  const entries: Entry[] = [];
  const parts: string[] = [];
  const textEntry = new Map<Node, number>();
  const formulaEntry = new Map<Node, number>();
  let pos = 0;

  // Pre-order walk with an explicit stack (no recursion limit): [node, mode of its parent].
  const nodes: Node[] = [];
  const modes: TextMode[] = [];
  for (let c = root.lastChild; c; c = c.previousSibling) {
    nodes.push(c);
    modes.push(TextMode.Normal);
  }
  /** The formula being collected: its entry, until the walk leaves it. */
  let formula: { el: Element; entry: Entry; after: Node | null } | undefined;
  while (nodes.length) {
    const node = nodes.pop()!;
    const parentMode = modes.pop()!;
    if (formula && node === formula.after) formula = endFormula(formula);
    if (node.nodeType === TEXT_NODE) {
      if (!countsText(parentMode)) continue;
      const data = (node as Text).data;
      if (formula) {
        parts.push(data);
        pos += data.length;
        formula.entry.end = pos;
      } else {
        textEntry.set(node, entries.length);
        entries.push({ start: pos, end: pos + data.length, node: node as Text });
        parts.push(data);
        pos += data.length;
      }
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const mode = childMode(
      parentMode,
      el.localName.toLowerCase(),
      el.getAttribute('class') ?? '',
      el.getAttribute('aria-hidden') ?? '',
      el.getAttribute('encoding') ?? '',
    );
    if (mode === TextMode.Skip) continue;
    if (mode === TextMode.Formula && parentMode !== TextMode.Formula && parentMode !== TextMode.FormulaTex) {
      const entry: Entry = { start: pos, end: pos, formula: el as HTMLElement };
      formulaEntry.set(el, entries.length);
      entries.push(entry);
      formula = { el, entry, after: following(el, root) };
    }
    for (let c = el.lastChild; c; c = c.previousSibling) {
      nodes.push(c);
      modes.push(mode);
    }
  }
  const text = parts.join('');

  function endFormula(f: { entry: Entry }): undefined {
    f.entry.end = pos;
    return undefined;
  }

  /** The outermost formula element that holds `node` (or is it), if any. */
  function formulaOf(node: Node): Element | undefined {
    let found: Element | undefined;
    for (let n: Node | null = node; n && n !== root; n = n.parentNode) if (formulaEntry.has(n)) found = n as Element;
    return found;
  }

  /** The plain-text offset where the first counted thing at or after `from` (pre-order) starts. */
  function offsetFrom(from: Node | null): number {
    let n = from;
    while (n) {
      const t = textEntry.get(n) ?? formulaEntry.get(n);
      if (t !== undefined) return entries[t].start;
      n = n.firstChild ?? following(n, root);
    }
    return text.length;
  }

  return {
    text,
    offsetOf(node, offset, side) {
      if (!root.contains(node)) return undefined;
      const f = formulaOf(node);
      if (f) {
        const e = entries[formulaEntry.get(f)!];
        if (node === f && offset <= 0) return e.start;
        if (node === f && offset >= f.childNodes.length) return e.end;
        return side === 'start' ? e.start : e.end;
      }
      const t = textEntry.get(node);
      if (t !== undefined) {
        const e = entries[t];
        return e.start + Math.max(0, Math.min(offset, e.end - e.start));
      }
      // Between children of an element, or in a node that does not count: where the next counted thing starts.
      if (node.nodeType === ELEMENT_NODE || node.nodeType === 11 /* fragment */) {
        const kids = node.childNodes;
        return offsetFrom(offset >= 0 && offset < kids.length ? kids[Math.max(0, offset)] : following(node, root));
      }
      return offsetFrom(following(node, root));
    },
    segments(start, end) {
      const out: (TextSegment | FormulaSegment)[] = [];
      if (!(end > start)) return out;
      // The first entry that ends after start (entries are in order and contiguous).
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (entries[mid].end <= start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < entries.length && entries[i].start < end; i++) {
        const e = entries[i];
        if (e.end <= start || e.end === e.start) continue;
        if (e.node)
          out.push({ node: e.node, start: Math.max(start, e.start) - e.start, end: Math.min(end, e.end) - e.start });
        else out.push({ formula: e.formula! });
      }
      return out;
    },
  };
}

/** The node after `node` and all it holds, in document order, within `root` (null past the end). */
function following(node: Node, root: Node): Node | null {
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

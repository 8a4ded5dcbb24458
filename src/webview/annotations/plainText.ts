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
  const walked = walkText(root);
  const text = walked.text();
  return {
    text,
    offsetOf: (node, offset, side) => offsetOf(walked, root, text.length, node, offset, side),
    segments: (start, end) => segmentsIn(walked.entries, start, end),
  };
}

/** The entries of the text as the walk meets them: counted text nodes and whole formulas, in order. */
class TextEntries {
  readonly entries: Entry[] = [];
  readonly textEntry = new Map<Node, number>();
  readonly formulaEntry = new Map<Node, number>();
  private readonly parts: string[] = [];
  private pos = 0;
  /** The formula being collected: its entry, until the walk leaves it. */
  private formula: { entry: Entry; after: Node | null } | undefined;

  /** The walk reached `node`: if it is the first node past the formula being collected, that formula ends. */
  reach(node: Node): void {
    if (this.formula && node === this.formula.after) {
      this.formula.entry.end = this.pos;
      this.formula = undefined;
    }
  }

  /** A counted text node: its own entry, or more of the formula being collected. */
  addText(node: Text): void {
    const data = node.data;
    if (this.formula) {
      this.parts.push(data);
      this.pos += data.length;
      this.formula.entry.end = this.pos;
    } else {
      this.textEntry.set(node, this.entries.length);
      this.entries.push({ start: this.pos, end: this.pos + data.length, node });
      this.parts.push(data);
      this.pos += data.length;
    }
  }

  /** An outermost formula element; its text is collected until the walk reaches `after`. */
  startFormula(el: HTMLElement, after: Node | null): void {
    const entry: Entry = { start: this.pos, end: this.pos, formula: el };
    this.formulaEntry.set(el, this.entries.length);
    this.entries.push(entry);
    this.formula = { entry, after };
  }

  text(): string {
    return this.parts.join('');
  }
}

/** Pre-order walk with an explicit stack (no recursion limit), by the rules of plainTextRules.ts. */
function walkText(root: HTMLElement): TextEntries {
  const out = new TextEntries();
  // [node, mode of its parent]
  const nodes: Node[] = [];
  const modes: TextMode[] = [];
  pushChildren(root, TextMode.Normal, nodes, modes);
  while (nodes.length) {
    const node = nodes.pop()!;
    const parentMode = modes.pop()!;
    out.reach(node);
    if (node.nodeType === TEXT_NODE) {
      if (countsText(parentMode)) out.addText(node as Text);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const mode = elementMode(parentMode, el);
    if (mode === TextMode.Skip) continue;
    if (mode === TextMode.Formula && parentMode !== TextMode.Formula && parentMode !== TextMode.FormulaTex)
      out.startFormula(el as HTMLElement, following(el, root));
    pushChildren(el, mode, nodes, modes);
  }
  return out;
}

function pushChildren(parent: Node, mode: TextMode, nodes: Node[], modes: TextMode[]): void {
  for (let c = parent.lastChild; c; c = c.previousSibling) {
    nodes.push(c);
    modes.push(mode);
  }
}

function elementMode(parentMode: TextMode, el: Element): TextMode {
  return childMode(
    parentMode,
    el.localName.toLowerCase(),
    el.getAttribute('class') ?? '',
    el.getAttribute('aria-hidden') ?? '',
    el.getAttribute('encoding') ?? '',
  );
}

/** DomTextIndex.offsetOf over the walked entries. */
function offsetOf(
  walked: TextEntries,
  root: HTMLElement,
  textLength: number,
  node: Node,
  offset: number,
  side: 'start' | 'end',
): number | undefined {
  if (!root.contains(node)) return undefined;
  const { entries, textEntry, formulaEntry } = walked;
  const f = formulaOf(formulaEntry, root, node);
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
    const next = offset >= 0 && offset < kids.length ? kids[Math.max(0, offset)] : following(node, root);
    return offsetFrom(walked, root, textLength, next);
  }
  return offsetFrom(walked, root, textLength, following(node, root));
}

/** The outermost formula element that holds `node` (or is it), if any. */
function formulaOf(formulaEntry: Map<Node, number>, root: Node, node: Node): Element | undefined {
  let found: Element | undefined;
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) if (formulaEntry.has(n)) found = n as Element;
  return found;
}

/** The plain-text offset where the first counted thing at or after `from` (pre-order) starts. */
function offsetFrom(walked: TextEntries, root: Node, textLength: number, from: Node | null): number {
  let n = from;
  while (n) {
    const t = walked.textEntry.get(n) ?? walked.formulaEntry.get(n);
    if (t !== undefined) return walked.entries[t].start;
    n = n.firstChild ?? following(n, root);
  }
  return textLength;
}

/** DomTextIndex.segments: what of `entries` (in order, contiguous) covers [start, end). */
function segmentsIn(entries: Entry[], start: number, end: number): (TextSegment | FormulaSegment)[] {
  const out: (TextSegment | FormulaSegment)[] = [];
  if (!(end > start)) return out;
  for (let i = firstEndingAfter(entries, start); i < entries.length && entries[i].start < end; i++) {
    const e = entries[i];
    if (e.end <= start || e.end === e.start) continue;
    if (e.node)
      out.push({ node: e.node, start: Math.max(start, e.start) - e.start, end: Math.min(end, e.end) - e.start });
    else out.push({ formula: e.formula! });
  }
  return out;
}

/** The first entry that ends after `start` (binary search). */
function firstEndingAfter(entries: Entry[], start: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The node after `node` and all it holds, in document order, within `root` (null past the end). */
function following(node: Node, root: Node): Node | null {
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

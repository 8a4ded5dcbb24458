// The user's selection in the lesson body as a PageRange of the plain text: a selection that starts or ends in
// a formula takes the whole formula (offsetOf gives a formula's start or end), and the section is the id of the
// last heading before it.
import type { PageRange } from '../../core/page/annotationMessages';
import type { DomTextIndex } from './model';

/** The host refuses longer quotes (annotationMessages.ts). */
const MAX_EXACT = 20_000;

/** Plain-text offsets of the body's h1-h3 headings that have an id, in document order. */
export function headingOffsets(body: HTMLElement, index: DomTextIndex): { id: string; offset: number }[] {
  const out: { id: string; offset: number }[] = [];
  for (const h of Array.from(body.querySelectorAll<HTMLElement>('h1[id], h2[id], h3[id]'))) {
    const offset = index.offsetOf(h, 0, 'start');
    if (offset !== undefined) out.push({ id: h.id, offset });
  }
  return out;
}

/** Whether a node is lesson text (inside the body, not in a note the page added there). */
export function inLessonText(body: HTMLElement, node: Node): boolean {
  const el = node instanceof Element ? node : node.parentElement;
  return !!el && body.contains(el) && !el.closest('.il-note');
}

/** The selected range of lesson text, or undefined when nothing (or nothing only in the lesson) is selected. */
export function selectedRange(
  selection: Selection | null,
  body: HTMLElement,
  index: DomTextIndex,
  headings: { id: string; offset: number }[],
): PageRange | undefined {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const r = selection.getRangeAt(0);
  if (!inLessonText(body, r.startContainer) || !inLessonText(body, r.endContainer)) return undefined;
  const start = index.offsetOf(r.startContainer, r.startOffset, 'start');
  const end = index.offsetOf(r.endContainer, r.endOffset, 'end');
  if (start === undefined || end === undefined || end <= start || end - start > MAX_EXACT) return undefined;
  const exact = index.text.slice(start, end);
  if (exact.trim() === '') return undefined;
  let section: string | undefined;
  for (const h of headings) {
    if (h.offset > start) break;
    section = h.id;
  }
  return { start, end, exact, section };
}

// Buttons for the selection toolbar and the highlight popover, and the keys of a toolbar (WAI-ARIA toolbar
// pattern: one tab stop, arrow keys move between buttons, Home/End, Escape closes).
import { HIGHLIGHT_COLORS, type HighlightColor } from '../../core/annotations/types';
import type { AnnotationLabels } from '../../core/page/annotationMessages';

export function button(label: string, className: string, run: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = label;
  // Keep the lesson selection when clicked with the mouse (a button takes focus and may clear it).
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    run();
  });
  return b;
}

/** One swatch button per colour, labelled "Highlight: Yellow" (in the host's words). */
export function colorButtons(
  labels: AnnotationLabels,
  run: (color: HighlightColor) => void,
  pressed?: HighlightColor,
): HTMLButtonElement[] {
  return HIGHLIGHT_COLORS.map((color) => {
    const b = button('', `il-ann-color il-ann-color-${color}`, () => run(color));
    const name = `${labels.highlight}: ${labels.colors[color]}`;
    b.setAttribute('aria-label', name);
    b.title = name;
    if (pressed) b.setAttribute('aria-pressed', String(color === pressed));
    return b;
  });
}

/** Makes `bar` a toolbar: one tab stop, arrows (and Home/End) move focus, Escape calls `close`. */
export function toolbarKeys(bar: HTMLElement, close: () => void): void {
  bar.setAttribute('role', 'toolbar');
  const items = () => Array.from(bar.querySelectorAll<HTMLButtonElement>(':scope > button, :scope > * > button'));
  const focusAt = (i: number) => {
    const all = items();
    const k = (i + all.length) % all.length;
    all.forEach((b, j) => (b.tabIndex = j === k ? 0 : -1));
    all[k]?.focus();
  };
  items().forEach((b, j) => (b.tabIndex = j === 0 ? 0 : -1));
  bar.addEventListener('keydown', (e) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1 };
    if (e.key in move) focusAt(move[e.key]);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(all.length - 1);
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  });
}

/** Puts a floating element under (or, without room, over) a rectangle of the viewport, inside the page. */
export function placeNear(el: HTMLElement, rect: DOMRect): void {
  const gap = 6;
  const width = el.offsetWidth;
  const height = el.offsetHeight;
  const below = rect.bottom + gap + height <= window.innerHeight || rect.top < height + gap;
  const top = (below ? rect.bottom + gap : rect.top - gap - height) + window.scrollY;
  const maxLeft = document.documentElement.clientWidth - width - gap;
  const left = Math.max(gap, Math.min(rect.left, maxLeft)) + window.scrollX;
  el.style.top = `${Math.round(top)}px`;
  el.style.left = `${Math.round(left)}px`;
}

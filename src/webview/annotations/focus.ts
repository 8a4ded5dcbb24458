// Keyboard access to painted highlights, which are no elements: one focusable overlay, absolutely positioned over
// the highlight's line boxes (outside the text flow, in document.body, so the lesson's layout and plain text are
// untouched). Alt+ArrowDown / Alt+ArrowUp (in VS Code only bound for editor text, lists, quick input, the SCM input
// and the terminal, none of which a webview is) move it from highlight to highlight, wrapping around; each move is
// announced in a polite live region with the quote. Enter or Space opens the popover; Escape leaves.
import type { AnnotationLabels } from '../../core/page/annotationMessages';
import { lineRects, type DrawnHighlight, type DrawnHighlights } from './draw';

const QUOTE_MAX = 160;

export class HighlightFocus {
  private el: HTMLElement | undefined;
  private live: HTMLElement | undefined;
  private shown: DrawnHighlight | undefined;

  constructor(private readonly quoteOf: (h: DrawnHighlight) => string) {
    window.addEventListener('resize', () => {
      if (this.shown && this.el && !this.el.hidden) this.place(this.shown);
    });
  }

  /** The id of the highlight the overlay is on while it has focus. */
  get focusedId(): string | undefined {
    return this.el && document.activeElement === this.el ? this.shown?.item.id : undefined;
  }

  /** Whether an event target is the overlay. */
  isOverlay(target: EventTarget | null): boolean {
    return !!this.el && target === this.el;
  }

  /** Moves to the next (+1) or previous (-1) highlight: from the one focused, else from what is on screen. */
  move(drawn: DrawnHighlights, step: 1 | -1, labels: AnnotationLabels): void {
    const all = [...drawn.values()];
    if (all.length === 0) return;
    const at = this.focusedId ? all.findIndex((h) => h.item.id === this.focusedId) : -1;
    let next: number;
    if (at >= 0) next = (at + step + all.length) % all.length;
    else if (step === 1) {
      next = all.findIndex((h) => (lineRects(h)[0]?.bottom ?? 0) > 0);
      if (next < 0) next = 0;
    } else {
      next = all.length - 1;
      for (let i = all.length - 1; i >= 0; i--)
        if ((lineRects(all[i])[0]?.top ?? 0) < window.innerHeight) {
          next = i;
          break;
        }
    }
    this.show(drawn, all[next], labels);
  }

  /** Puts the overlay on `h`, focuses it and says which highlight it is ("Highlight 3/12, Yellow: <quote>"). */
  show(drawn: DrawnHighlights, h: DrawnHighlight, labels: AnnotationLabels): void {
    const el = this.element();
    this.shown = h;
    el.hidden = false;
    const position = `${[...drawn.keys()].indexOf(h.item.id) + 1}/${drawn.size}`;
    const name = `${labels.highlight} ${position}, ${labels.colors[h.item.color]}`;
    el.setAttribute('aria-label', name);
    el.dataset.ilFor = h.item.id;
    el.dataset.vscodeContext = JSON.stringify({ webviewSection: 'highlight', annotationId: h.item.id });
    this.place(h);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
    const quote = this.quoteOf(h).replace(/\s+/g, ' ').trim();
    this.live!.textContent = `${name}: ${quote.length > QUOTE_MAX ? `${quote.slice(0, QUOTE_MAX - 1)}…` : quote}`;
  }

  hide(): void {
    if (!this.el) return;
    this.el.hidden = true;
    this.el.replaceChildren();
    this.shown = undefined;
  }

  /** Removes the overlay and the live region (a new page). */
  reset(): void {
    this.hide();
    if (this.live) this.live.textContent = '';
  }

  private element(): HTMLElement {
    if (this.el) return this.el;
    const el = document.createElement('div');
    el.className = 'il-hl-focus';
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-haspopup', 'dialog');
    el.hidden = true;
    // Leaving it (Tab, a click elsewhere) takes it away; the popover gives focus back through show().
    el.addEventListener('blur', () => this.hide());
    const live = document.createElement('div');
    live.className = 'il-sr-only';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    document.body.append(el, live);
    this.el = el;
    this.live = live;
    return el;
  }

  /** One box per line box of the highlight, in a container that spans them all (page coordinates). */
  private place(h: DrawnHighlight): void {
    const el = this.el!;
    const rects = lineRects(h);
    if (rects.length === 0) return;
    const left = Math.min(...rects.map((r) => r.left));
    const top = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    el.style.left = `${left + window.scrollX}px`;
    el.style.top = `${top + window.scrollY}px`;
    el.style.width = `${right - left}px`;
    el.style.height = `${bottom - top}px`;
    el.replaceChildren(
      ...rects.map((r) => {
        const box = document.createElement('div');
        box.className = 'il-hl-focus-box';
        box.style.left = `${r.left - left}px`;
        box.style.top = `${r.top - top}px`;
        box.style.width = `${r.width}px`;
        box.style.height = `${r.height}px`;
        return box;
      }),
    );
  }
}

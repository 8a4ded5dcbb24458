// Notes of highlights: in a margin column beside the article on wide panels (cards at the height of their
// highlight, pushed down so they never overlap), under the highlight's paragraph on narrow ones. Which of the
// two is decided by media/reader.css alone: the margin column is displayed only where there is room for it.
// A highlight is painted, not an element: its place is the element that holds its start and its first line box.
import { firstRect, type DrawnHighlight, type DrawnHighlights } from './draw';
import type { DrawItem } from './model';

const GAP = 8;
/** Where a note goes under its highlight on a narrow panel: after these blocks, or inside these containers. */
const AFTER = 'p, h1, h2, h3, h4, h5, h6, pre, .katex-block, .il-math-untypeset-block, figure';
const INSIDE = 'li, td, th, dd, dt, blockquote';

export class NoteLayout {
  private margin: HTMLElement | undefined;
  private cards: { card: HTMLElement; anchor: DrawnHighlight }[] = [];
  private mode: 'wide' | 'narrow' | undefined;
  private observer: ResizeObserver | undefined;
  private frame: number | undefined;
  private size = '';

  constructor(
    private readonly applyStyles: (scope: HTMLElement) => void,
    private readonly onOpen: (id: string) => void,
  ) {}

  /** Shows the notes of `items` (those with one) next to their drawn highlights. */
  render(body: HTMLElement, items: DrawItem[], anchors: DrawnHighlights): void {
    this.clear();
    const layout = body.closest<HTMLElement>('.il-layout');
    const withNotes = items.filter((i) => i.noteHtml && anchors.has(i.id)).sort((a, b) => a.start - b.start);
    if (!layout || withNotes.length === 0) return;
    this.margin = document.createElement('div');
    this.margin.className = 'il-notes-margin';
    layout.classList.add('il-has-notes');
    layout.appendChild(this.margin);
    this.cards = withNotes.map((item) => ({ card: this.card(item), anchor: anchors.get(item.id)! }));
    this.place();
    // The page's width (the margin column comes and goes with it) and the article's size (text reflows, fonts).
    this.observer = new ResizeObserver(() => this.schedule());
    this.observer.observe(document.documentElement);
    this.observer.observe(body.closest<HTMLElement>('.il-article') ?? body);
  }

  clear(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    for (const { card } of this.cards) card.remove();
    this.cards = [];
    this.margin?.parentElement?.classList.remove('il-has-notes');
    this.margin?.remove();
    this.margin = undefined;
    this.mode = undefined;
    this.size = '';
  }

  private card(item: DrawItem): HTMLElement {
    const card = document.createElement('aside');
    card.className = `il-note il-note-${item.color}`;
    card.dataset.ilNote = item.id;
    card.innerHTML = item.noteHtml; // rendered by the host with the lessons' safety rules
    this.applyStyles(card);
    card.addEventListener('click', (e) => {
      if ((e.target as Element).closest('a[href], button')) return;
      this.onOpen(item.id);
    });
    return card;
  }

  /** One relayout per frame at most, and only when the article's size really changed. */
  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.place();
    });
  }

  private place(): void {
    if (!this.margin) return;
    const article = this.margin.parentElement?.querySelector('.il-article');
    const size = `${window.innerWidth}:${article?.clientWidth}x${article?.clientHeight}`;
    const mode = getComputedStyle(this.margin).display === 'none' ? 'narrow' : 'wide';
    if (mode === this.mode && size === this.size) return;
    this.size = size;
    if (mode !== this.mode) {
      this.mode = mode;
      if (mode === 'narrow') this.inline();
      else this.margin.append(...this.cards.map((c) => c.card));
    }
    if (mode === 'wide') this.stack();
  }

  /** Narrow: each note under the block its highlight is in, in the order of the highlights. */
  private inline(): void {
    const last = new Map<Element, Element>();
    for (const { card, anchor } of this.cards) {
      card.style.top = '';
      const at = anchor.element;
      const inside = at.closest(INSIDE);
      const after = at.closest(AFTER);
      const block = after && (!inside || inside.contains(after)) ? after : inside;
      if (!block && at.classList.contains('il-lesson-body')) at.append(card);
      else if (!block) at.after(card);
      else if (block === inside && block !== after) block.appendChild(card);
      else (last.get(block) ?? block).after(card);
      if (block) last.set(block, card);
    }
  }

  /** Wide: all reads, then all writes (one layout), cards at their highlight's height without overlapping. */
  private stack(): void {
    const base = this.margin!.getBoundingClientRect().top;
    const wanted = this.cards.map(({ card, anchor }) => ({
      card,
      top: firstRect(anchor).top - base,
      height: card.offsetHeight,
    }));
    wanted.sort((a, b) => a.top - b.top);
    let floor = 0;
    const tops = wanted.map((w) => {
      const top = Math.max(w.top, floor);
      floor = top + w.height + GAP;
      return top;
    });
    wanted.forEach((w, i) => (w.card.style.top = `${Math.round(tops[i])}px`));
    this.margin!.style.minHeight = `${Math.ceil(floor)}px`;
  }
}

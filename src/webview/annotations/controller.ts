// The reader page's annotations: draws what the host sends, turns selections into 'selection' and 'annotate'
// messages (toolbar), opens a highlight's popover, reveals one on request. reader.ts calls reset() before a
// lesson replaces the page and shown() after; handle() takes the host's annotation messages.
//
// Keyboard: with text selected in the lesson, Alt+A moves focus into the selection toolbar (VS Code binds no
// Alt+A, and A is no menu mnemonic); each highlight's first mark is a tab stop that opens its popover with
// Enter or Space. The same actions are commands and webview context-menu items on the host side.
import type { HighlightColor } from '../../core/annotations/types';
import type { AnnotationLabels, PageRange } from '../../core/page/annotationMessages';
import { clearHighlights, drawHighlights, makeFocusable, type DrawnAnchors } from './draw';
import { DEFAULT_LABELS, parseAnnotationsMessage, revealId, type AnnotationsToDraw } from './hostMessages';
import type { DomTextIndex, DrawItem } from './model';
import { NoteLayout } from './notes';
import { HighlightPopover } from './popover';
import { headingOffsets, selectedRange } from './selection';
import { indexDomText } from './plainText';
import { SelectionToolbar } from './toolbar';

export interface AnnotationDeps {
  post(message: unknown): void;
  applyStyles(scope: HTMLElement): void;
}

const SELECTION_DEBOUNCE_MS = 150;

export class PageAnnotations {
  private lessonId: string | undefined;
  private body: HTMLElement | undefined;
  private index: DomTextIndex | undefined;
  private headings: { id: string; offset: number }[] = [];
  private items = new Map<string, DrawItem>();
  private anchors: DrawnAnchors = new Map();
  private labels: AnnotationLabels = DEFAULT_LABELS;
  /** An 'annotations' message for a lesson the page is not showing yet (it is drawn when that lesson is). */
  private pending: AnnotationsToDraw | undefined;
  private range: PageRange | undefined;
  private postedRange = '';
  private timer: number | undefined;
  private readonly toolbar: SelectionToolbar;
  private readonly popover: HighlightPopover;
  private readonly notes: NoteLayout;

  constructor(private readonly deps: AnnotationDeps) {
    this.toolbar = new SelectionToolbar({
      highlight: (color) => this.annotate('highlight', color),
      note: () => this.annotate('note'),
      quote: () => this.annotate('quote'),
    });
    this.popover = new HighlightPopover(
      {
        edit: (id) => this.post({ type: 'annotation', id, action: 'edit' }),
        remove: (id) => this.post({ type: 'annotation', id, action: 'delete' }),
        color: (id, color) => this.post({ type: 'annotation', id, action: 'color', color }),
      },
      deps.applyStyles,
    );
    this.notes = new NoteLayout(deps.applyStyles, (id) => this.openPopover(id));
    document.addEventListener('selectionchange', () => this.selectionChanged());
    document.addEventListener('click', (e) => this.clicked(e));
    document.addEventListener('keydown', (e) => this.keyDown(e), true);
  }

  /** Before a lesson replaces the page: what was drawn goes with the old DOM. */
  reset(): void {
    this.toolbar.hide();
    this.popover.close(false);
    this.notes.clear();
    this.lessonId = this.body = this.index = this.range = undefined;
    this.items.clear();
    this.anchors = new Map();
    this.headings = [];
  }

  /** After a lesson is on the page: marks its text for the webview context menu, draws what was waiting. */
  shown(lessonId: string, root: HTMLElement): void {
    this.lessonId = lessonId;
    this.body = root.querySelector<HTMLElement>('.il-lesson-body') ?? undefined;
    if (this.body)
      this.body.dataset.vscodeContext = JSON.stringify({
        webviewSection: 'lessonText',
        preventDefaultContextMenuItems: false,
      });
    const waiting = this.pending;
    this.pending = undefined;
    if (waiting?.lessonId === lessonId) this.draw(waiting);
  }

  /** Takes the host's 'annotations' and 'revealAnnotation' messages; false for any other message. */
  handle(m: Record<string, unknown>): boolean {
    if (m.type === 'annotations') {
      const parsed = parseAnnotationsMessage(m);
      if (parsed && parsed.lessonId === this.lessonId) this.draw(parsed);
      else if (parsed) this.pending = parsed;
      return true;
    }
    if (m.type === 'revealAnnotation') {
      const id = revealId(m);
      if (id) this.reveal(id);
      return true;
    }
    return false;
  }

  private post(m: Record<string, unknown>): void {
    if (this.lessonId) this.deps.post({ ...m, lessonId: this.lessonId });
  }

  private draw(m: AnnotationsToDraw): void {
    const started = performance.now();
    this.labels = m.labels;
    this.popover.close(false);
    this.notes.clear();
    this.items = new Map(m.items.map((i) => [i.id, i]));
    this.anchors = new Map();
    const body = this.body;
    let notDrawn = [...m.invalid, ...m.items.map((i) => i.id)];
    if (body) {
      clearHighlights(body);
      const index = indexDomText(body);
      // The host's text and the page's disagree: any offset could be wrong, so nothing is drawn.
      if (index.text.length === m.textLength) {
        const drawn = drawHighlights(index, m.items);
        this.anchors = drawn.anchors;
        makeFocusable(this.anchors);
        notDrawn = [...m.invalid, ...drawn.notDrawn];
      }
      this.setIndex(m.items.length ? indexDomText(body) : index);
      this.notes.render(body, m.items, this.anchors);
    }
    const drawn = m.items.length + m.invalid.length - notDrawn.length;
    this.post({ type: 'annotationsDrawn', seq: m.seq, drawn, notDrawn, ms: performance.now() - started });
  }

  private setIndex(index: DomTextIndex): void {
    this.index = index;
    this.headings = this.body ? headingOffsets(this.body, index) : [];
  }

  private selectionChanged(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.updateSelection();
    }, SELECTION_DEBOUNCE_MS);
  }

  private updateSelection(): void {
    if (!this.body || !this.lessonId) return;
    if (!this.index) this.setIndex(indexDomText(this.body));
    const selection = document.getSelection();
    this.range = selectedRange(selection, this.body, this.index!, this.headings);
    const key = this.range ? `${this.range.start}:${this.range.end}` : '';
    if (key !== this.postedRange) {
      this.postedRange = key;
      this.post({ type: 'selection', range: this.range });
    }
    if (this.range && selection) this.toolbar.show(this.labels, focusRect(selection));
    else if (!this.toolbar.focused) this.toolbar.hide();
  }

  private annotate(action: 'highlight' | 'note' | 'quote', color?: HighlightColor): void {
    if (!this.range) return;
    this.post({ type: 'annotate', action, color, range: this.range });
    if (action !== 'quote') document.getSelection()?.removeAllRanges();
  }

  private clicked(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target : undefined;
    if (!target || !this.body?.contains(target)) return;
    if (target.closest('a[href], button, [data-term], [data-il-open], [data-il-action], .il-note')) return;
    if (!document.getSelection()?.isCollapsed) return; // the end of a drag that selected text
    const mark = target.closest<HTMLElement>('[data-il-ann]');
    const id = mark?.dataset.ilAnn?.split(' ')[0];
    if (id) this.openPopover(id);
  }

  private keyDown(e: KeyboardEvent): void {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyA' && this.toolbar.visible) {
      e.preventDefault();
      this.toolbar.focus();
      return;
    }
    if (e.key === 'Escape' && this.toolbar.visible && !this.toolbar.focused) {
      this.toolbar.hide();
      return;
    }
    const target = e.target instanceof HTMLElement ? e.target : undefined;
    if ((e.key === 'Enter' || e.key === ' ') && target?.dataset.ilAnn && this.body?.contains(target)) {
      e.preventDefault();
      this.openPopover(target.dataset.ilAnn.split(' ')[0]);
    }
  }

  private openPopover(id: string): void {
    const item = this.items.get(id);
    const anchor = this.anchors.get(id);
    if (item && anchor) this.popover.open(item, anchor, this.labels);
  }

  /** Scrolls a highlight to the middle of the panel and flashes it. */
  private reveal(id: string): void {
    const anchor = this.anchors.get(id);
    if (!anchor || !this.body) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    anchor.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
    for (const el of Array.from(this.body.querySelectorAll('.il-hl-flash'))) el.classList.remove('il-hl-flash');
    for (const el of Array.from(this.body.querySelectorAll<HTMLElement>(`[data-il-ann~="${CSS.escape(id)}"]`))) {
      el.classList.add('il-hl-flash');
      el.addEventListener('animationend', () => el.classList.remove('il-hl-flash'), { once: true });
    }
  }
}

/** The line box where the selection ends as the user made it (a selection can be taller than the panel). */
function focusRect(selection: Selection): DOMRect {
  const range = selection.getRangeAt(0);
  const rects = range.getClientRects();
  const backward = range.startContainer === selection.focusNode && range.startOffset === selection.focusOffset;
  return (backward ? rects[0] : rects[rects.length - 1]) ?? range.getBoundingClientRect();
}

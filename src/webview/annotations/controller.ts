// The reader page's annotations: paints what the host sends, turns selections into 'selection' and 'annotate'
// messages (toolbar), opens a highlight's popover, reveals one on request. reader.ts calls reset() before a
// lesson replaces the page and shown() after; handle() takes the host's annotation messages.
//
// Highlights are painted (draw.ts), not elements, so what elements did is done by position (pointer.ts): a click
// opens the popover of the innermost highlight under the pointer, a right-click puts the highlight's context on the
// event's target before VS Code's webview host reads it, a pointer over one shows the hand cursor.
//
// Keyboard: with text selected in the lesson, Alt+A moves focus into the selection toolbar (VS Code binds no
// Alt+A, and A is no menu mnemonic); Alt+ArrowDown/ArrowUp move a focus overlay from highlight to highlight
// (focus.ts), where Enter or Space opens the popover. The same actions are commands and webview context-menu
// items on the host side.
import type { HighlightColor } from '../../core/annotations/types';
import type { AnnotationLabels, PageRange } from '../../core/page/annotationMessages';
import { clearHighlights, drawHighlights, firstRect, paintedText, type DrawnHighlights } from './draw';
import { HighlightFocus } from './focus';
import { DEFAULT_LABELS, parseAnnotationsMessage, revealId, type AnnotationsToDraw } from './hostMessages';
import type { DomTextIndex, DrawItem } from './model';
import { NoteLayout } from './notes';
import { HighlightPopover } from './popover';
import { headingOffsets, selectedRange } from './selection';
import { indexDomText } from './plainText';
import { HighlightPointer } from './pointer';
import { HighlightReveal } from './reveal';
import { SelectionToolbar } from './toolbar';

export interface AnnotationDeps {
  post(message: unknown): void;
  applyStyles(scope: HTMLElement): void;
}

const SELECTION_DEBOUNCE_MS = 150;

/** What the page drew, as the integration tests read it (window.__ilAnnotations.drawn()). */
export interface DrawnForTests {
  id: string;
  color: HighlightColor;
  /** The painted Ranges' text, joined (a formula's Range holds all of KaTeX's text: MathML, glyphs and TeX). */
  text: string;
}

export class PageAnnotations {
  private lessonId: string | undefined;
  private body: HTMLElement | undefined;
  private index: DomTextIndex | undefined;
  private headings: { id: string; offset: number }[] = [];
  private items = new Map<string, DrawItem>();
  private drawn: DrawnHighlights = new Map();
  private labels: AnnotationLabels = DEFAULT_LABELS;
  /** An 'annotations' message for a lesson the page is not showing yet (it is drawn when that lesson is). */
  private pending: AnnotationsToDraw | undefined;
  private range: PageRange | undefined;
  private postedRange = '';
  private timer: number | undefined;
  private readonly toolbar: SelectionToolbar;
  private readonly popover: HighlightPopover;
  private readonly notes: NoteLayout;
  private readonly focus: HighlightFocus;
  private readonly pointer: HighlightPointer;
  private readonly revealer = new HighlightReveal();

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
    this.focus = new HighlightFocus((h) => this.index?.text.slice(h.item.start, h.item.end) ?? paintedText(h));
    this.pointer = new HighlightPointer({
      body: () => this.body,
      index: () => this.index,
      drawn: () => this.drawn,
      isOverlay: (target) => this.focus.isOverlay(target),
      openPopover: (id) => this.openPopover(id),
    });
    document.addEventListener('selectionchange', () => this.selectionChanged());
    document.addEventListener('click', (e) => this.pointer.clicked(e));
    document.addEventListener('keydown', (e) => this.keyDown(e), true);
    document.addEventListener('mousemove', (e) => this.pointer.hover(e), { passive: true });
    // Capture on window: before VS Code's own 'contextmenu' listener (on the window, bubbling) collects the
    // data-vscode-context of the target and its ancestors.
    window.addEventListener('contextmenu', (e) => this.pointer.contextMenu(e), true);
    // Test hook, read-only: window.__ilAnnotations.drawn() tells the integration tests what is painted (id,
    // colour, the Ranges' text), which the page shows anyway; it changes nothing.
    if (!('__ilAnnotations' in window))
      Object.defineProperty(window, '__ilAnnotations', { value: Object.freeze({ drawn: () => this.drawnForTests() }) });
  }

  /** Before a lesson replaces the page: what was drawn goes with the old DOM. */
  reset(): void {
    this.toolbar.hide();
    this.popover.close(false);
    this.notes.clear();
    this.focus.reset();
    clearHighlights();
    this.lessonId = this.body = this.index = this.range = undefined;
    this.items.clear();
    this.drawn = new Map();
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
      if (id) this.revealer.reveal(this.drawn.get(id));
      return true;
    }
    return false;
  }

  /** What is painted: id, colour and the Ranges' text of each highlight, in the order of the text. */
  drawnForTests(): DrawnForTests[] {
    return [...this.drawn.values()].map((h) => ({ id: h.item.id, color: h.item.color, text: paintedText(h) }));
  }

  private post(m: Record<string, unknown>): void {
    if (this.lessonId) this.deps.post({ ...m, lessonId: this.lessonId });
  }

  private draw(m: AnnotationsToDraw): void {
    const started = performance.now();
    this.labels = m.labels;
    this.popover.close(false);
    this.notes.clear();
    this.focus.hide();
    this.pointer.setCursor(false);
    clearHighlights();
    this.items = new Map(m.items.map((i) => [i.id, i]));
    this.drawn = new Map();
    const body = this.body;
    let notDrawn = [...m.invalid, ...m.items.map((i) => i.id)];
    if (body) {
      const index = indexDomText(body);
      this.setIndex(index);
      // The host's text and the page's disagree: any offset could be wrong, so nothing is drawn.
      if (index.text.length === m.textLength) {
        const painted = drawHighlights(index, m.items);
        this.drawn = painted.drawn;
        notDrawn = [...m.invalid, ...painted.notDrawn];
      }
      this.notes.render(body, m.items, this.drawn);
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
    // A click can come before the page has caught up with the selection (selectionchange is queued, then
    // debounced): take the selection as it is now, or the last one seen if it is gone.
    const live =
      this.body && this.index
        ? selectedRange(document.getSelection(), this.body, this.index, this.headings)
        : undefined;
    const range = live ?? this.range;
    if (!range) return;
    this.post({ type: 'annotate', action, color, range });
    if (action !== 'quote') document.getSelection()?.removeAllRanges();
  }

  private keyDown(e: KeyboardEvent): void {
    const alt = e.altKey && !e.ctrlKey && !e.metaKey;
    if (alt && e.code === 'KeyA' && this.toolbar.visible) {
      e.preventDefault();
      this.toolbar.focus();
      return;
    }
    if (alt && !e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && this.drawn.size > 0) {
      if (isEditable(e.target)) return;
      e.preventDefault();
      this.popover.close(false);
      this.focus.move(this.drawn, e.key === 'ArrowDown' ? 1 : -1, this.labels);
      return;
    }
    if (e.key === 'Escape' && this.toolbar.visible && !this.toolbar.focused) {
      this.toolbar.hide();
      return;
    }
    const id = this.focus.isOverlay(e.target) ? this.focus.focusedId : undefined;
    if (!id) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.openPopover(id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      (e.target as HTMLElement).blur();
    }
  }

  private openPopover(id: string): void {
    const item = this.items.get(id);
    const h = this.drawn.get(id);
    if (!item || !h) return;
    this.popover.open(item, firstRect(h), this.labels, () => {
      const again = this.drawn.get(id);
      if (again) this.focus.show(this.drawn, again, this.labels);
    });
  }
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** The line box where the selection ends as the user made it (a selection can be taller than the panel). */
function focusRect(selection: Selection): DOMRect {
  const range = selection.getRangeAt(0);
  const rects = range.getClientRects();
  const backward = range.startContainer === selection.focusNode && range.startOffset === selection.focusOffset;
  return (backward ? rects[0] : rects[rects.length - 1]) ?? range.getBoundingClientRect();
}

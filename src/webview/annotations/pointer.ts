// What a highlight's element would have done, done by position (highlights are painted, not elements): a click
// opens the popover of the innermost highlight under the pointer, a right-click puts the highlight's context on
// the event's target before VS Code's webview host reads it, a pointer over one shows the hand cursor.
import { highlightAt, type DrawnHighlight, type DrawnHighlights } from './draw';
import type { DomTextIndex } from './model';

const CONTEXT = 'data-vscode-context';

/** What the pointer handling reads of the page's annotations, and what a click does. */
export interface PointerPage {
  body(): HTMLElement | undefined;
  index(): DomTextIndex | undefined;
  drawn(): DrawnHighlights;
  /** The focus overlay (focus.ts), which carries its highlight's context itself. */
  isOverlay(target: EventTarget | null): boolean;
  openPopover(id: string): void;
}

export class HighlightPointer {
  private hoverFrame: number | undefined;
  private hoverAt: { x: number; y: number; target: EventTarget | null } | undefined;
  /** Each element's own context while a highlight's is lent to it (a second right-click before the restore). */
  private readonly lent = new Map<Element, string | null>();

  constructor(private readonly page: PointerPage) {}

  /** The innermost highlight under a point of the viewport, if the point is in the lesson text. */
  private highlightUnder(x: number, y: number, target: EventTarget | null): DrawnHighlight | undefined {
    const drawn = this.page.drawn();
    if (drawn.size === 0 || !(target instanceof Element) || !this.page.body()?.contains(target)) return undefined;
    if (target.closest('a[href], button, [data-term], [data-il-open], [data-il-action], .il-note')) return undefined;
    return highlightAt(x, y, drawn, this.page.index());
  }

  clicked(e: MouseEvent): void {
    if (!document.getSelection()?.isCollapsed) return; // the end of a drag that selected text
    const h = this.highlightUnder(e.clientX, e.clientY, e.target);
    if (h) this.page.openPopover(h.item.id);
  }

  /**
   * VS Code's webview host, at 'contextmenu' on the window, merges data-vscode-context from the target up (the
   * innermost wins): the target gets the highlight's context for this one event, and its own back afterwards.
   */
  contextMenu(e: MouseEvent): void {
    if (this.page.isOverlay(e.target)) return; // the overlay carries its highlight's context itself
    const h = this.highlightUnder(e.clientX, e.clientY, e.target);
    if (!h) return;
    const target = e.target as Element;
    const before = this.lent.has(target) ? this.lent.get(target)! : target.getAttribute(CONTEXT);
    this.lent.set(target, before);
    const own = before ? parseContext(before) : {};
    target.setAttribute(
      CONTEXT,
      JSON.stringify({
        ...own,
        webviewSection: 'highlight',
        annotationId: h.item.id,
        preventDefaultContextMenuItems: false,
      }),
    );
    // A task, not a microtask: microtasks run between listeners, before VS Code's has read the attribute.
    setTimeout(() => {
      if (!this.lent.delete(target)) return; // an earlier restore of the same element did it
      if (before === null) target.removeAttribute(CONTEXT);
      else target.setAttribute(CONTEXT, before);
    });
  }

  /** The hand cursor over a highlight (a painted range has no cursor of its own); one hit test per frame. */
  hover(e: MouseEvent): void {
    if (this.page.drawn().size === 0) return;
    this.hoverAt = { x: e.clientX, y: e.clientY, target: e.target };
    if (this.hoverFrame !== undefined) return;
    this.hoverFrame = requestAnimationFrame(() => {
      this.hoverFrame = undefined;
      const p = this.hoverAt!;
      this.setCursor(!!this.highlightUnder(p.x, p.y, p.target));
    });
  }

  setCursor(pointer: boolean): void {
    const body = this.page.body();
    if (!body) return;
    if (pointer !== (body.style.cursor === 'pointer')) body.style.cursor = pointer ? 'pointer' : '';
  }
}

function parseContext(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

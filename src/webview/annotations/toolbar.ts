// The floating toolbar over a selection in the lesson: Highlight in four colours, Add Note…, Copy as Quote.
// Keyboard: Alt+A (see controller.ts) moves focus into it; arrows move, Enter/Space act, Escape closes and
// gives focus back.
import type { HighlightColor } from '../../core/annotations/types';
import type { AnnotationLabels } from '../../core/page/annotationMessages';
import { button, colorButtons, placeNear, toolbarKeys } from './buttons';

export interface ToolbarActions {
  highlight(color: HighlightColor): void;
  note(): void;
  quote(): void;
}

export class SelectionToolbar {
  private el: HTMLElement | undefined;
  private returnFocus: HTMLElement | undefined;

  constructor(private readonly actions: ToolbarActions) {}

  get visible(): boolean {
    return !!this.el;
  }

  /** Whether focus is in the toolbar (the selection may look gone while the user works in it). */
  get focused(): boolean {
    return !!this.el && this.el.contains(document.activeElement);
  }

  show(labels: AnnotationLabels, rect: DOMRect): void {
    if (!this.el) this.el = this.build(labels);
    placeNear(this.el, rect);
  }

  /** Moves focus to the first button, remembering where it was. */
  focus(): void {
    if (!this.el) return;
    const active = document.activeElement;
    if (!this.el.contains(active)) this.returnFocus = active instanceof HTMLElement ? active : undefined;
    this.el.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
  }

  hide(): void {
    const hadFocus = this.focused;
    this.el?.remove();
    this.el = undefined;
    if (hadFocus) this.returnFocus?.focus();
    this.returnFocus = undefined;
  }

  private build(labels: AnnotationLabels): HTMLElement {
    const bar = document.createElement('div');
    bar.className = 'il-ann-toolbar';
    bar.setAttribute('aria-label', labels.toolbar);
    const act = (run: () => void) => () => {
      this.hide();
      run();
    };
    bar.append(
      ...colorButtons(labels, (c) => act(() => this.actions.highlight(c))()),
      button(
        labels.addNote,
        'il-ann-action',
        act(() => this.actions.note()),
      ),
      button(
        labels.copyQuote,
        'il-ann-action',
        act(() => this.actions.quote()),
      ),
    );
    toolbarKeys(bar, () => this.hide());
    document.body.appendChild(bar);
    return bar;
  }
}

// The popover of a drawn highlight: its note (HTML rendered by the host with the lessons' rules), Edit, Delete
// and the colours. Opened by a click on the highlight or Enter/Space on its focus overlay; Escape or a click
// elsewhere closes.
import type { HighlightColor } from '../../core/annotations/types';
import type { AnnotationLabels } from '../../core/page/annotationMessages';
import { button, colorButtons, placeNear, toolbarKeys } from './buttons';
import type { DrawItem } from './model';

export interface PopoverActions {
  edit(id: string): void;
  remove(id: string): void;
  color(id: string, color: HighlightColor): void;
}

export class HighlightPopover {
  private el: HTMLElement | undefined;
  private returnFocus: (() => void) | undefined;

  constructor(
    private readonly actions: PopoverActions,
    private readonly applyStyles: (scope: HTMLElement) => void,
  ) {
    document.addEventListener('pointerdown', (e) => {
      if (this.el && !this.el.contains(e.target as Node)) this.close(false);
    });
  }

  get openId(): string | undefined {
    return this.el?.dataset.ilFor;
  }

  /** Opens under `rect` (the highlight's first line box); `returnFocus` puts focus back on the highlight. */
  open(item: DrawItem, rect: DOMRect, labels: AnnotationLabels, returnFocus: () => void): void {
    this.close(false);
    const pop = document.createElement('div');
    pop.className = 'il-ann-popover';
    pop.setAttribute('role', 'dialog');
    pop.setAttribute('aria-label', labels.highlight);
    pop.dataset.ilFor = item.id;
    if (item.noteHtml) {
      const note = document.createElement('div');
      note.className = 'il-ann-popover-note';
      note.innerHTML = item.noteHtml; // rendered by the host with the lessons' safety rules
      this.applyStyles(note);
      pop.appendChild(note);
    }
    const bar = document.createElement('div');
    bar.className = 'il-ann-popover-actions';
    bar.setAttribute('aria-label', labels.highlight);
    const act = (run: () => void) => () => {
      this.close(true);
      run();
    };
    bar.append(
      button(
        labels.edit,
        'il-ann-action',
        act(() => this.actions.edit(item.id)),
      ),
      button(
        labels.delete,
        'il-ann-action',
        act(() => this.actions.remove(item.id)),
      ),
      ...colorButtons(labels, (c) => act(() => this.actions.color(item.id, c))(), item.color),
    );
    toolbarKeys(bar, () => this.close(true));
    pop.appendChild(bar);
    pop.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      this.close(true);
    });
    document.body.appendChild(pop);
    placeNear(pop, rect);
    this.el = pop;
    this.returnFocus = returnFocus;
    bar.querySelector<HTMLButtonElement>('button')?.focus();
  }

  /** Closes; with `refocus`, focus goes back to the highlight it was opened from. */
  close(refocus: boolean): void {
    if (!this.el) return;
    this.el.remove();
    this.el = undefined;
    const back = this.returnFocus;
    this.returnFocus = undefined;
    if (refocus) back?.();
  }
}

// The lesson's Reset: a button, then a confirm step in the page (no modal dialog): Clear answers or Cancel
// (Escape cancels too); focus goes to the first choice of each step and back to Reset after it.
import type { QuizPageLabels } from '../../core/page/quizMessages';
import { announce, showOnly } from './announce';

function button(action: string, text: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'il-quiz-button';
  b.dataset.quizReset = action;
  b.textContent = text;
  return b;
}

export class ResetBar {
  readonly element = document.createElement('div');
  private readonly resetButton: HTMLButtonElement;
  private readonly confirm = document.createElement('div');
  private readonly question = document.createElement('span');
  private readonly yes: HTMLButtonElement;
  private readonly no: HTMLButtonElement;
  private readonly status = document.createElement('span');

  constructor(
    private labels: QuizPageLabels,
    private readonly clear: () => void,
  ) {
    this.element.className = 'il-quiz-reset';
    this.resetButton = button('ask', labels.reset);
    this.yes = button('yes', labels.resetYes);
    this.no = button('no', labels.resetNo);
    this.confirm.className = 'il-quiz-reset-confirm';
    this.confirm.setAttribute('role', 'group');
    // The question is text for the eyes (aria-hidden, so the lesson's plain text skips it: announce.ts); the
    // group's label says it when focus enters.
    showOnly(this.question);
    this.confirm.hidden = true;
    this.resetButton.setAttribute('aria-expanded', 'false');
    this.confirm.append(this.question, this.yes, this.no);
    this.status.className = 'il-quiz-reset-status';
    showOnly(this.status);
    this.element.append(this.resetButton, this.confirm, this.status);
    this.relabel(labels);
    this.element.addEventListener('click', (e) => this.click(e));
    this.confirm.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      this.close();
    });
  }

  relabel(labels: QuizPageLabels): void {
    this.labels = labels;
    this.resetButton.textContent = labels.reset;
    this.question.textContent = labels.resetConfirm;
    this.confirm.setAttribute('aria-label', labels.resetConfirm);
    this.yes.textContent = labels.resetYes;
    this.no.textContent = labels.resetNo;
  }

  private click(event: MouseEvent): void {
    const action = (event.target as HTMLElement | null)?.closest<HTMLElement>('button[data-quiz-reset]')?.dataset
      .quizReset;
    if (!action) return;
    event.preventDefault();
    if (action === 'ask') {
      this.status.textContent = '';
      this.confirm.hidden = false;
      this.resetButton.setAttribute('aria-expanded', 'true');
      this.yes.focus();
    } else if (action === 'yes') {
      this.clear();
      this.close();
      this.status.textContent = this.labels.resetDone;
      announce(this.labels.resetDone);
    } else this.close();
  }

  private close(): void {
    this.confirm.hidden = true;
    this.resetButton.setAttribute('aria-expanded', 'false');
    this.resetButton.focus();
  }
}

// Script of the Review Terms page (media/review.js): shows each card the extension sends, Show Answer (Space),
// the four grades (1-4 or the buttons). The extension validates every message.

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscodeApi = acquireVsCodeApi();
const main = document.querySelector<HTMLElement>('main.il-review')!;

const card = () => main.querySelector<HTMLElement>('.il-review-card');
const part = (selector: string) => card()?.querySelector<HTMLElement>(selector) ?? null;
const answerShowing = () => part('.il-review-back')?.hidden === false;

function showAnswer(): void {
  const c = card();
  if (!c || answerShowing()) return;
  part('.il-review-back')!.hidden = false;
  part('.il-review-grades')!.hidden = false;
  part('.il-review-show')!.hidden = true;
  part('[data-grade="3"]')?.focus();
  vscodeApi.postMessage({ type: 'shown', key: c.dataset.card, answer: true });
}

function grade(value: number): void {
  const c = card();
  if (!c || !answerShowing() || c.dataset.graded) return;
  c.dataset.graded = 'true';
  c.querySelectorAll<HTMLButtonElement>('button').forEach((b) => (b.disabled = true));
  vscodeApi.postMessage({ type: 'grade', key: c.dataset.card, grade: value });
}

function show(html: string): void {
  main.innerHTML = html;
  // Style attributes arrive as data-il-style (the CSP refuses inline styles); apply them via the CSSOM.
  main.querySelectorAll<HTMLElement>('[data-il-style]').forEach((el) => (el.style.cssText = el.dataset.ilStyle ?? ''));
  const c = card();
  if (c) part('.il-review-show')?.focus();
  else main.querySelector<HTMLElement>('.il-review-done')?.setAttribute('tabindex', '-1');
  vscodeApi.postMessage({ type: 'shown', key: c?.dataset.card ?? 'done', answer: false });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data as { type?: unknown; html?: unknown } | null;
  if (m?.type === 'show' && typeof m.html === 'string') show(m.html);
});

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
  if (event.key === ' ' && !answerShowing()) {
    event.preventDefault();
    showAnswer();
  } else if (/^[1-4]$/.test(event.key) && answerShowing()) {
    event.preventDefault();
    grade(Number(event.key));
  }
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('[data-show-answer]')) showAnswer();
  const button = target?.closest<HTMLElement>('[data-grade]');
  if (button) grade(Number(button.dataset.grade));
});

vscodeApi.postMessage({ type: 'ready' });

// What the screen reader hears about questions: one live region of the page's own, outside the lesson body.
// The results shown beside each question are aria-hidden, so they are not read twice, and the lesson's plain
// text (which annotations count in the page and on the host, core/annotations/plainTextRules.ts) skips them:
// text the page adds to the lesson body would move every offset after it.
let region: HTMLElement | undefined;

/** Says `text` once (the region is emptied first, so the same result twice is said twice). */
export function announce(text: string): void {
  if (!region?.isConnected) {
    region = document.createElement('div');
    region.className = 'il-quiz-announcer';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  const r = region;
  r.textContent = '';
  if (text) requestAnimationFrame(() => (r.textContent = text));
}

/** A result shown beside a question or Reset, for the eyes only (the announcer speaks it). */
export function showOnly(el: Element): void {
  el.setAttribute('aria-hidden', 'true');
  el.removeAttribute('role');
  el.removeAttribute('aria-live');
}

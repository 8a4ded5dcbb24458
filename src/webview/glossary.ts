// Script of the glossary entry page (media/glossary.js). Links inside the rendered entry are
// `#term:<id>` and `#lesson:<lessonId>/<sectionId>`; the extension validates every message.
import { safeDecodeURIComponent } from '../core/text/decode';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscodeApi = acquireVsCodeApi();

/** Style attributes arrive as data-il-style (the CSP refuses inline styles); apply them via the CSSOM. */
document.querySelectorAll<HTMLElement>('[data-il-style]').forEach((el) => {
  el.style.cssText = el.dataset.ilStyle ?? '';
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const term = target?.closest<HTMLElement>('abbr.il-term[data-term]');
  if (term) {
    event.preventDefault();
    vscodeApi.postMessage({ type: 'showTerm', id: term.dataset.term });
    return;
  }
  const link = target?.closest<HTMLAnchorElement>('a[href]');
  if (!link) return;
  const href = link.getAttribute('href') ?? '';
  // A malformed escape (a crafted href) decodes to undefined: the link does nothing instead of throwing.
  let m = /^#term:(.+)$/.exec(href);
  if (m) {
    event.preventDefault();
    const id = safeDecodeURIComponent(m[1]);
    if (id !== undefined) vscodeApi.postMessage({ type: 'showTerm', id });
    return;
  }
  m = /^#lesson:([^/]+)(?:\/(.+))?$/.exec(href);
  if (m) {
    event.preventDefault();
    const lessonId = safeDecodeURIComponent(m[1]);
    const section = m[2] === undefined ? undefined : safeDecodeURIComponent(m[2]);
    if (lessonId !== undefined && (m[2] === undefined || section !== undefined))
      vscodeApi.postMessage({ type: 'showLesson', lessonId, section });
    return;
  }
  // http, https and mailto, as in the reader; the extension checks the link again before opening it.
  if (/^(https?|mailto):/i.test(href)) {
    event.preventDefault();
    vscodeApi.postMessage({ type: 'openExternal', href });
  }
});

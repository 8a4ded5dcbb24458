// Script of the glossary entry page (media/glossary.js). Links inside the rendered entry are
// `#term:<id>` and `#lesson:<lessonId>/<sectionId>`; the extension validates every message.
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
  let m = /^#term:(.+)$/.exec(href);
  if (m) {
    event.preventDefault();
    vscodeApi.postMessage({ type: 'showTerm', id: decodeURIComponent(m[1]) });
    return;
  }
  m = /^#lesson:([^/]+)(?:\/(.+))?$/.exec(href);
  if (m) {
    event.preventDefault();
    vscodeApi.postMessage({
      type: 'showLesson',
      lessonId: decodeURIComponent(m[1]),
      section: m[2] ? decodeURIComponent(m[2]) : undefined,
    });
    return;
  }
  if (/^https?:/i.test(href)) {
    event.preventDefault();
    vscodeApi.postMessage({ type: 'openExternal', href });
  }
});

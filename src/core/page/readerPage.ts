import { bytesToBase64 } from '../text/base64';
import { escapeHtml } from '../text/escape';
import type { RenderedLesson } from '../markdown/render';

/** A fresh nonce for one page load (CSP). */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToBase64(bytes).replace(/[^A-Za-z0-9]/g, '');
}

/** The CSP of every page we show: nothing by default, our own styles, fonts, images and one nonce'd script. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/**
 * Style attributes (KaTeX's struts, table alignment) are refused by a CSP without 'unsafe-inline'.
 * They are moved to `data-il-style`, and the page script applies them through the CSSOM, which the
 * CSP allows. Safe on markdown-it output: quotes in text and attribute values are escaped, so ` style="`
 * can only be an attribute. One flat pass: the tag-scanning regex took 0.3–0.9 s on a 5 MB lesson's HTML.
 */
export function moveInlineStyles(html: string): string {
  return html.replace(/\sstyle="/g, ' data-il-style="');
}

export interface ShellOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  lang: string;
  title: string;
  /** Settings and labels for the page script, passed as escaped JSON in a data attribute. */
  config: Record<string, unknown>;
  /** Initial body HTML (inert). */
  body?: string;
}

/** The reader's page: strict CSP, stylesheets from the extension, one script with a nonce. */
export function buildPageShell(o: ShellOptions): string {
  const styles = o.styleUris
    .map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}" nonce="${o.nonce}">`)
    .join('\n  ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${styles}
  <title>${escapeHtml(o.title)}</title>
</head>
<body data-config="${escapeHtml(JSON.stringify(o.config))}">
  <div id="root">${o.body ?? ''}</div>
  <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}

export interface LessonLinkInfo {
  id: string;
  title: string;
}

export interface LessonViewLabels {
  contents: string;
  previous: string;
  next: string;
  endOfCourse: string;
  minutes: string;
  mathErrors: string;
}

/** The article for one lesson: table of contents (shown on wide panels), body, previous/next. */
export function buildLessonArticle(args: {
  lessonId: string;
  rendered: RenderedLesson;
  previous?: LessonLinkInfo;
  next?: LessonLinkInfo;
  labels: LessonViewLabels;
  banner?: string;
  breadcrumb?: string;
  /** Extra HTML after the body (e.g. a module's table of contents). */
  after?: string;
}): string {
  const { rendered, labels } = args;
  const toc = rendered.headings.filter((h) => h.level === 2 || h.level === 3);
  const tocHtml = toc.length
    ? `<nav class="il-toc" aria-label="${escapeHtml(labels.contents)}"><p class="il-toc-title">${escapeHtml(labels.contents)}</p><ol>` +
      toc
        .map(
          (h) =>
            `<li class="il-toc-h${h.level}"><a href="#${escapeHtml(h.id)}" data-il-link="anchor">${escapeHtml(h.text)}</a></li>`,
        )
        .join('') +
      '</ol></nav>'
    : '';
  const navLink = (rel: 'previous' | 'next', info?: LessonLinkInfo) =>
    info
      ? `<button type="button" class="il-nav-${rel}" data-il-open="${escapeHtml(info.id)}"><span class="il-nav-label">${escapeHtml(rel === 'next' ? labels.next : labels.previous)}</span><span class="il-nav-title">${escapeHtml(info.title)}</span></button>`
      : `<span class="il-nav-${rel} il-nav-none"></span>`;
  const errors = rendered.mathErrors.length
    ? `<p class="il-banner il-banner-warning" role="status">${escapeHtml(labels.mathErrors.replace('{0}', String(rendered.mathErrors.length)))}</p>`
    : '';
  return `<div class="il-layout" data-lesson-id="${escapeHtml(args.lessonId)}">
${tocHtml}
<article class="il-article">
${args.breadcrumb ?? ''}${args.banner ?? ''}${errors}
<div class="il-lesson-body">${moveInlineStyles(rendered.html)}</div>
${args.after ?? ''}<nav class="il-prevnext">${navLink('previous', args.previous)}${args.next ? navLink('next', args.next) : `<span class="il-nav-next il-nav-none">${escapeHtml(labels.endOfCourse)}</span>`}</nav>
<div id="il-end" aria-hidden="true"></div>
</article>
</div>`;
}

/** Private-use markers put around uncertain repaired characters before rendering. */
export const UNCERTAIN_OPEN = '\uE000';
export const UNCERTAIN_CLOSE = '\uE001';

/** Surrounds each spot (UTF-16 offset, length) with the uncertain-spot markers. */
export function insertUncertainMarkers(text: string, spots: readonly { offset: number; length: number }[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spots].sort((a, b) => a.offset - b.offset)) {
    if (s.offset < at || s.offset > text.length) continue;
    out += text.slice(at, s.offset) + UNCERTAIN_OPEN + text.slice(s.offset, s.offset + s.length) + UNCERTAIN_CLOSE;
    at = s.offset + s.length;
  }
  return out + text.slice(at);
}

/** Turns the markers into highlighted spans in text, and drops any that ended up inside a tag. */
export function markUncertainSpots(html: string, title: string): string {
  if (!html.includes(UNCERTAIN_OPEN)) return html;
  const open = `<mark class="il-uncertain" title="${escapeHtml(title)}">`;
  return html.replace(/<[^>]*>|[\uE000\uE001]/g, (m) => {
    if (m.length > 1) return m.replace(/[\uE000\uE001]/g, '');
    return m === UNCERTAIN_OPEN ? open : '</mark>';
  });
}

/** Breadcrumb from an Aero navigation block: the first paragraph shown, the quick links folded away. */
export function buildBreadcrumb(navigationHtml: string, moreLabel: string): string {
  const cut = navigationHtml.indexOf('<hr>');
  const first = cut < 0 ? navigationHtml : navigationHtml.slice(0, cut);
  const rest = cut < 0 ? '' : navigationHtml.slice(cut + 4).replace(/<hr>\s*$/, '');
  const more = rest.trim()
    ? `<details class="il-quicklinks"><summary>${escapeHtml(moreLabel)}</summary>${moveInlineStyles(rest)}</details>`
    : '';
  return `<nav class="il-breadcrumb">${moveInlineStyles(first)}${more}</nav>\n`;
}

/** The module's table of contents from an Aero footer: resolved rows open lessons, others are marked. */
export function buildModuleContents(
  title: string,
  rows: readonly { title: string; id?: string; current: boolean }[],
  brokenLabel: string,
): string {
  if (rows.length === 0) return '';
  const items = rows.map((r) => {
    const label = escapeHtml(r.title);
    if (r.current) return `<li class="il-current" aria-current="page"><strong>${label}</strong></li>`;
    if (r.id) return `<li><a href="#" data-il-open="${escapeHtml(r.id)}">${label}</a></li>`;
    return `<li><span class="il-link-broken" title="${escapeHtml(brokenLabel)}">${label}</span></li>`;
  });
  return `<nav class="il-module-contents"><h2>${escapeHtml(title)}</h2><ol>${items.join('')}</ol></nav>\n`;
}

/** The banner over a lesson whose math passed the typesetting limit, with the button that typesets it all. */
export function buildTypesetAllBanner(message: string, buttonLabel: string): string {
  return `<div class="il-banner il-banner-info il-typeset-all" role="status"><span>${escapeHtml(message)}</span> <button type="button" class="il-run" data-il-action="typesetAllMath">${escapeHtml(buttonLabel)}</button></div>\n`;
}

/** The banner over a lesson whose encoding was repaired. */
export function buildRepairBanner(message: string, buttonLabel: string): string {
  return `<div class="il-banner il-banner-warning il-repair" role="status"><span>${escapeHtml(message)}</span> <button type="button" class="il-run" data-il-action="repairEncoding">${escapeHtml(buttonLabel)}</button></div>\n`;
}

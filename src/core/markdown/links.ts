export const SAFE_SCHEMES = /^(https?|mailto):/i;
export const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// eslint-disable-next-line no-control-regex
const IGNORED = /[\u0000-\u0020\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const IGNORED_ALL = /[\u0000-\u0020\u007f-\u009f]/g;

/** True for links we allow at all: relative paths, anchors, https/http/mailto. */
export function isAllowedHref(href: string): boolean {
  // Strip what browsers ignore before deciding on the scheme (tabs, newlines, leading spaces/controls).
  // (markdown-it has percent-encoded them already, so the test, which allocates nothing, is nearly always false.)
  const h = IGNORED.test(href) ? href.replace(IGNORED_ALL, '') : href;
  if (SAFE_SCHEMES.test(h)) return true;
  if (ANY_SCHEME.test(h)) return false;
  return !/^[/\\]{2}/.test(h); // protocol-relative URLs would leave the page
}

export const SAFE_SCHEMES = /^(https?|mailto):/i;
export const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True for links we allow at all: relative paths, anchors, https/http/mailto. */
export function isAllowedHref(href: string): boolean {
  // Strip what browsers ignore before deciding on the scheme (tabs, newlines, leading spaces/controls).
  // eslint-disable-next-line no-control-regex
  const h = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (SAFE_SCHEMES.test(h)) return true;
  if (ANY_SCHEME.test(h)) return false;
  return !/^[/\\]{2}/.test(h); // protocol-relative URLs would leave the page
}


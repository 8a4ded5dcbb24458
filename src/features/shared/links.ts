// The link policy shared by the lesson reader and the glossary entry page. Pure (no `vscode`), so the unit tests
// read it directly.
import { isAllowedHref } from '../../core/activation';

const EXTERNAL = /^(https?|mailto):/i;

/**
 * True for a link the extension opens outside VS Code when a page asks: http, https or mailto, and one the
 * renderer lets through at all (no control characters hiding another scheme).
 */
export function isExternalHref(href: string): boolean {
  return EXTERNAL.test(href) && isAllowedHref(href);
}

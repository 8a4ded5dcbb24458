/**
 * `decodeURIComponent` that never throws: undefined when `s` is not valid percent-encoded UTF-8 (`%E0%A4%A`,
 * a lone `%`, an encoded lone surrogate). Links and URIs come from pages and other applications, so a
 * malformed one is input to refuse with a message, not an exception.
 */
export function safeDecodeURIComponent(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

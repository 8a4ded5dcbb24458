/**
 * Heading anchors. An explicit `{#id}` at the end of a heading wins (our lessons use it so that the
 * Vietnamese and English files share anchors); otherwise a GitHub-style slug of the heading text.
 */
// `(?<!\s)`: a match starts only where a run of spaces starts; without it every space of a long run
// is a new start that rescans the run (quadratic: seconds for a heading with 100,000 spaces).
const EXPLICIT_ID = /(?<!\s)\s*\{#([A-Za-z0-9][\w.:-]*)\}\s*$/;

/** Splits `Heading text {#id}` into its text and explicit id. */
export function splitExplicitId(text: string): { text: string; id?: string } {
  const m = EXPLICIT_ID.exec(text);
  if (!m) return { text };
  return { text: text.slice(0, m.index), id: m[1] };
}

/** GitHub-compatible slug: lower case, letters/digits/marks kept (Vietnamese included), spaces to hyphens. */
export function slugify(text: string): string {
  // ASCII text skips NFC. Characters are kept or dropped by a per-code-unit table filled on first sight:
  // the same set as /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, without a Unicode regex pass per heading.
  const t = (ASCII.test(text) ? text : text.normalize('NFC')).trim().toLowerCase();
  let out = '';
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x20) {
      out += t.slice(from, i) + '-';
      from = i + 1;
      continue;
    }
    let keep: boolean;
    if ((c & 0xfc00) === 0xd800 && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      keep = SLUG_CHAR.test(t.slice(i, i + 2));
      if (keep) {
        i++;
        continue;
      }
      out += t.slice(from, i);
      from = i + 2;
      i++;
      continue;
    }
    let k = SLUG_BMP[c];
    if (k === 0) SLUG_BMP[c] = k = SLUG_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    keep = k === 1;
    if (!keep) {
      out += t.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? t : out + t.slice(from);
}

const SLUG_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}-]$/u;
/** Per BMP code unit: 0 not yet seen, 1 kept in slugs, 2 dropped. */
const SLUG_BMP = new Uint8Array(0x10000);
const ASCII = /^[\u0000-\u007f]*$/; // eslint-disable-line no-control-regex

/**
 * Ids the reader page gives its own elements (src/core/page/readerPage.ts). A heading with one of them would
 * clobber the page's lookups: `{#il-end}` made the lesson count as read as soon as that heading was visible.
 */
export const RESERVED_IDS: readonly string[] = ['root', 'il-end'];

/** Hands out unique ids in document order, as GitHub does: `x`, `x-1`, `x-2`, …; never a reserved id. */
export class SlugCounter {
  private readonly occurrences = new Map<string, number>(RESERVED_IDS.map((id) => [id, 0]));
  unique(base: string): string {
    const b = base || 'section';
    let id = b;
    while (this.occurrences.has(id)) {
      const n = (this.occurrences.get(b) ?? 0) + 1;
      this.occurrences.set(b, n);
      id = `${b}-${n}`;
    }
    this.occurrences.set(id, 0);
    return id;
  }
}

/**
 * Plain text of inline markdown, as a heading shows it: emphasis, code ticks, links and math delimiters dropped.
 * Every pattern runs in linear time on any input (search indexes whole lesson lines with it): link text and
 * URL stop at the next bracket, emphasis spans at 200 characters. Unbounded lazy spans rescanned the rest of
 * the line from every `*`, `_` or `[` (seconds for a 30,000-character line).
 */
export function inlineMarkdownToText(src: string): string {
  // Each pattern needs its own character: a line without it skips that pass (search runs this on every line).
  let s = src;
  if (s.includes('](')) s = s.replace(/!?\[([^\][]*)\]\([^)[\]]*\)/g, '$1');
  if (s.includes('`')) s = s.replace(/`+([^`]*)`+/g, '$1');
  if (s.includes('$')) s = s.replace(/\$\$?([^$]+)\$\$?/g, '$1');
  if (s.includes('*') || s.includes('~~')) s = s.replace(/(\*\*|\*|~~)(?=\S)([\s\S]{0,200}?\S)\1/g, '$2');
  if (s.includes('_')) s = s.replace(/(^|[^\p{L}\p{N}])(__|_)(?=\S)([\s\S]{0,200}?\S)\2(?![\p{L}\p{N}])/gu, '$1$3');
  if (s.includes('\\')) s = s.replace(/\\([\\`*_{}[\]()#+\-.!$])/g, '$1');
  return s.trim();
}

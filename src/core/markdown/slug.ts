/**
 * Heading anchors. An explicit `{#id}` at the end of a heading wins (our lessons use it so that the
 * Vietnamese and English files share anchors); otherwise a GitHub-style slug of the heading text.
 */
const EXPLICIT_ID = /\s*\{#([A-Za-z0-9][\w.:-]*)\}\s*$/;

/** Splits `Heading text {#id}` into its text and explicit id. */
export function splitExplicitId(text: string): { text: string; id?: string } {
  const m = EXPLICIT_ID.exec(text);
  if (!m) return { text };
  return { text: text.slice(0, m.index), id: m[1] };
}

/** GitHub-compatible slug: lower case, letters/digits/marks kept (Vietnamese included), spaces to hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Hands out unique ids in document order, as GitHub does: `x`, `x-1`, `x-2`, … */
export class SlugCounter {
  private readonly occurrences = new Map<string, number>();
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

/** Plain text of inline markdown, as a heading shows it: emphasis, code ticks, links and math delimiters dropped. */
export function inlineMarkdownToText(src: string): string {
  return src
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\$\$?([^$]+)\$\$?/g, '$1')
    .replace(/(\*\*|\*|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}])(__|_)(?=\S)([\s\S]*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    .replace(/\\([\\`*_{}[\]()#+\-.!$])/g, '$1')
    .trim();
}

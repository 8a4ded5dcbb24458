// Figures: SVG files a lesson references as images (`![alt](../figures/x.svg)`), inlined into the page through
// an allowlist (svgAllowlist.ts) so the page's CSS can colour them with the theme. This file is the part without
// dependencies: which files may be read, how big, and which references a lesson makes. The extension host reads
// the files (it knows the course's folder and file system) and hands their text to the renderer as plain data.

/** A figure file larger than this (bytes, or UTF-16 units of its text) is not read or inlined. */
export const MAX_FIGURE_BYTES = 256 * 1024;
/** Elements a figure may have; past it the figure is not inlined. */
export const MAX_FIGURE_ELEMENTS = 5_000;
/** Nesting depth of a figure's elements; past it the figure is not inlined. */
export const MAX_FIGURE_DEPTH = 32;
/** Distinct figures one lesson may reference; the rest are shown as their alt text with an error. */
export const MAX_FIGURES_PER_LESSON = 32;
/** Folders a figure path may go down from the folder it is resolved in. */
const MAX_FIGURE_PATH_SEGMENTS = 8;

/** A figure as the extension host read it: its text, or why it was not read. */
export type FigureFile = { svg: string } | { problem: FigureProblem };

/** Why a figure was not read or not inlined (the renderer shows the alt text with this reason). */
export type FigureProblem =
  /** The reference is a URL (`https:`, `data:`, `file:`, …), not a path. */
  | 'url'
  /** The reference is an absolute path (`/x.svg`, `C:\x.svg`, `\\server\x.svg`). */
  | 'absolute'
  /** The path leaves the folder figures are read from (`../../x.svg`). */
  | 'outside'
  /** Backslashes, `%`, `?`, `#`, `&`, control characters, empty or hidden segments, or too deep. */
  | 'badPath'
  /** The file is (or lies under) a symbolic link. */
  | 'symlink'
  /** The file does not exist or cannot be read. */
  | 'missing'
  /** Larger than MAX_FIGURE_BYTES. */
  | 'tooLarge'
  /** More figures than MAX_FIGURES_PER_LESSON. */
  | 'tooMany'
  /** Not valid SVG, or something outside the allowlist (the message says what). */
  | 'notAllowed';

/** True for a reference the figure machinery handles: ends with `.svg` (before any query or fragment). */
export function isFigureReference(src: string): boolean {
  return /\.svg(?:[?#].*)?$/i.test(src.trim());
}

/**
 * Where a figure reference points, as a path relative to the folder figures may come from (`base`), or why it is
 * refused. `lessonPath` is the lesson's path relative to that same folder (`vi/01-x.md` for the shipped course,
 * whose figures sit in `lessons/figures/`; `module-1/intro.md` in a course folder). Never leaves `base`.
 */
export function resolveFigurePath(lessonPath: string, src: string): { path: string } | { problem: FigureProblem } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { problem: 'url' };
  if (/^[/\\]/.test(src) || /^[a-z]:/i.test(src)) return { problem: 'absolute' };
  // Nothing that another layer could decode differently: percent-encoding, entities, queries, fragments, backslashes.
  // eslint-disable-next-line no-control-regex
  if (!src || /[\\%?#&\u0000-\u001f\u007f]/.test(src) || !/\.svg$/i.test(src)) return { problem: 'badPath' };
  const out = lessonPath.split('/').slice(0, -1);
  const segments = src.split('/');
  if (segments.length > MAX_FIGURE_PATH_SEGMENTS) return { problem: 'badPath' };
  for (const s of segments) {
    if (s === '.') continue;
    if (s === '..') {
      if (!out.length) return { problem: 'outside' };
      out.pop();
      continue;
    }
    if (!s || s.startsWith('.') || s.trim() !== s) return { problem: 'badPath' };
    out.push(s);
  }
  if (!out.length || out.some((s) => !s || s === '..' || s === '.')) return { problem: 'outside' };
  return { path: out.join('/') };
}

/**
 * The figure references in a lesson's markdown (`![alt](x.svg)`, `![alt](<x.svg> "title")`, and reference
 * definitions `[id]: x.svg`), as written, without duplicates, at most MAX_FIGURES_PER_LESSON. A quick scan for the
 * extension host to know which files to read; the renderer's own parse decides what is an image, and inlines only
 * what the host read.
 */
export function figureReferences(markdown: string): string[] {
  const found = new Set<string>();
  const add = (s: string | undefined) => {
    if (s && isFigureReference(s) && found.size < MAX_FIGURES_PER_LESSON) found.add(s);
  };
  for (const m of markdown.matchAll(/!\[[^\]\n]*\]\(\s*(?:<([^>\n]+)>|([^\s)]+))/g)) add(m[1] ?? m[2]);
  for (const m of markdown.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(?:<([^>\n]+)>|(\S+))/gm)) add(m[1] ?? m[2]);
  return [...found];
}

/** A short fingerprint of a lesson's figures (FNV-1a over references and texts), for caches of rendered lessons. */
export function figuresKey(figures: Readonly<Record<string, FigureFile>> | undefined): string {
  if (!figures) return '';
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  for (const [src, f] of Object.entries(figures).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    mix(src);
    mix('svg' in f ? `\u0000${f.svg}` : `\u0001${f.problem}`);
  }
  return (h >>> 0).toString(16);
}

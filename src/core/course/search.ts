import { parseFrontMatter } from './frontMatter';
import { inlineMarkdownToText, slugify, SlugCounter, splitExplicitId } from './slug';

export interface SearchableSection {
  lessonId: string;
  lessonTitle: string;
  /** Section anchor; undefined for text before the first H2. */
  sectionId?: string;
  heading: string;
  /** Plain text, lower-cased and NFC, for matching. */
  haystack: string;
  /** Plain text as written, for showing excerpts. */
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits lesson markdown into plain-text sections (H2/H3) for full-text search. */
export function indexLessonText(lessonId: string, lessonTitle: string, markdown: string): SearchableSection[] {
  const { body } = parseFrontMatter(markdown);
  const out: SearchableSection[] = [];
  const slugs = new SlugCounter();
  let current: { sectionId?: string; heading: string; lines: string[] } = { heading: lessonTitle, lines: [] };
  const flush = () => {
    // Runs of two or more blanks, or one that is not a space: a single space stays (4× faster than \s+ → ' ').
    const text = current.lines
      .join(' ')
      .replace(/\s{2,}|[^\S ]/g, ' ')
      .trim();
    if (text || current.sectionId) {
      out.push({
        lessonId,
        lessonTitle,
        sectionId: current.sectionId,
        heading: current.heading,
        text,
        haystack: normaliseForSearch(`${current.heading} ${text}`),
      });
    }
  };
  let fence: string | undefined;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A CR before a split LF goes with it (as /\r?\n/ split); a CR at the very end of the text stays.
    const line = i < lines.length - 1 && lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = f[1];
      continue;
    }
    // Closing `#`s stripped after the match, from the start of the run only: a lazy `(.*?)[ \t#]*$` is quadratic.
    const h = /^ {0,3}(#{1,6})[ \t]+(?![ \t])(.*)$/.exec(line);
    if (h) {
      const { text, id } = splitExplicitId(h[2].replace(/(?<![ \t#])[ \t#]+$/, ''));
      const plain = inlineMarkdownToText(text);
      const sid = slugs.unique(id ?? slugify(plain));
      if (h[1].length === 2 || h[1].length === 3) {
        flush();
        current = { sectionId: sid, heading: plain, lines: [] };
      }
      continue;
    }
    const plain = inlineMarkdownToText(line.replace(/^\s*(>|[-*+]|\d+\.)\s*(\[![A-Z]+\])?/, ''));
    // An empty line would only add a blank that flush collapses.
    if (plain) current.lines.push(plain);
  }
  flush();
  return out;
}

export function normaliseForSearch(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

export interface SearchHit {
  section: SearchableSection;
  /** Excerpt around the first match. */
  excerpt: string;
  score: number;
}

/** Sections containing every word of the query (case-insensitive), best first. */
export function searchSections(sections: readonly SearchableSection[], query: string, limit = 50): SearchHit[] {
  const words = normaliseForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const s of sections) {
    let score = 0;
    let first = -1;
    let ok = true;
    for (const w of words) {
      const i = s.haystack.indexOf(w);
      if (i < 0) {
        ok = false;
        break;
      }
      if (first < 0 || i < first) first = i;
      score += normaliseForSearch(s.heading).includes(w) ? 10 : 1;
    }
    if (!ok) continue;
    const offset = Math.max(0, first - s.heading.length - 1);
    const start = Math.max(0, offset - 40);
    const excerpt =
      (start > 0 ? '…' : '') + s.text.slice(start, start + 140).trim() + (start + 140 < s.text.length ? '…' : '');
    hits.push({ section: s, excerpt, score });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}

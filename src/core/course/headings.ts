import { inlineMarkdownToText, slugify, SlugCounter, splitExplicitId } from './slug';

export interface Heading {
  level: number;
  text: string;
  id: string;
  /** 0-based line in the text that was scanned. */
  line: number;
}

// Content first, closing `#`s and trailing blanks stripped after: one regex with a lazy `(.*?)` before
// `[ \t]*$` rescans a long run of spaces from every position (50 s for a heading with 100,000 spaces).
// `(?![ \t])` keeps the opening blanks from being given back one by one.
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(?![ \t])(.*))?$/;
const ATX_CLOSING = /(?<![ \t])[ \t]+#+[ \t]*$|(?<![ \t])[ \t]+$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
/** First characters of the lines scanHeadings has to look at: blanks (\s, as the `$$` test allows), #, `, ~, $. */
const MAY_MATTER = /[\s#`~$]/;

/**
 * Headings of a markdown body without a full parse (fast enough for a 1,000-file course).
 * Skips fenced code and `$$` display math; ids agree with renderLesson's.
 */
export function scanHeadings(body: string): Heading[] {
  const out: Heading[] = [];
  const slugs = new SlugCounter();
  let fence: string | undefined;
  let inMath = false;
  // Line by line without splitting the body: a line that starts with anything but a blank, `#`, a fence
  // character or `$` can open or close nothing and be no heading, so it is skipped without being sliced out.
  for (let i = 0, start = 0; start <= body.length; i++) {
    const nl = body.indexOf('\n', start);
    const end = nl < 0 ? body.length : nl;
    const from = start;
    start = nl < 0 ? body.length + 1 : nl + 1;
    if (from < end && !MAY_MATTER.test(body[from])) continue;
    // A CR before a split LF goes with it (as /\r?\n/ split); a CR at the very end of the text stays.
    const line = body.slice(from, nl >= 0 && body.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (fence) {
      if (line.trimStart().startsWith(fence) && line.trim().replace(new RegExp(`^\\${fence[0]}+`), '') === '')
        fence = undefined;
      continue;
    }
    const f = FENCE_OPEN.exec(line);
    if (f) {
      fence = f[1];
      continue;
    }
    if (line.includes('$$') && /^\s*\$\$/.test(line)) {
      const rest = line.trim().slice(2);
      if (inMath) inMath = false;
      else if (!rest.includes('$$')) inMath = true;
      continue;
    }
    if (inMath) continue;
    const hash = line.indexOf('#');
    const m = hash >= 0 && hash <= 3 ? ATX.exec(line) : null;
    if (!m) continue;
    const { text: raw, id: explicit } = splitExplicitId((m[2] ?? '').replace(ATX_CLOSING, ''));
    const text = inlineMarkdownToText(raw);
    out.push({ level: m[1].length, text, id: slugs.unique(explicit ?? slugify(text)), line: i });
  }
  return out;
}

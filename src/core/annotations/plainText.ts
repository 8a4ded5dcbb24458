// A lesson's plain text on the extension host's side: a small tokenizer over the body HTML our own renderer
// makes (src/core/markdown/render.ts), not a general HTML parser. The reader page walks its DOM by the same
// element rules (plainTextRules.ts, shared); test/browser/annotations-plaintext.test.ts checks that both give
// the same text, to the character, on every shipped lesson, the Aero fixtures and the hostile corpus. Why a
// tokenizer and not parse5/htmlparser2: docs/annotations-anchoring.md.
import { childMode, countsText, TextMode } from './plainTextRules';

/** Bumped when the rules below change (stored positions are hints only; quotes re-anchor either way). */
export const PLAIN_TEXT_VERSION = 1;

/**
 * A lesson's plain text from the body HTML the renderer made (RenderedLesson.html, or its parts joined): the
 * text the reader shows, each formula once as its TeX source. The reader page walks its DOM by the same rules
 * (src/webview/annotations/plainText.ts), so offsets agree; a Chromium test checks both on every lesson.
 *
 * The rules (the text nodes of the DOM a browser builds from the HTML, in document order, decoded, whitespace
 * text nodes kept exactly; elements decide for everything inside them, outermost first):
 * - Skipped with everything inside: `button` (snippet Run buttons; anything the page adds), any element with
 *   `aria-hidden="true"` (KaTeX's visual `.katex-html`, icons), `.il-unformatted-note` (the reader's note
 *   before text too long to format, not lesson text), `.il-figure` (inline SVG figures, and a figure's alt
 *   text and problem when it cannot be shown), `.il-figure-problem`, `svg`, `script`, `style`, `template`, and
 *   the page's note cards (`.il-note`, which it puts among the blocks on a narrow page; the renderer never
 *   writes one).
 * - A formula, `.katex` (inline, or inside `.katex-block`): only the text of its
 *   `annotation[encoding="application/x-tex"]`, the TeX source; the page treats the element as one unit.
 * - A formula with an error, `.il-math-error`: only its `.il-math-error-tex` (the TeX), not the label or the
 *   message.
 * - Formulas past the lesson's math budget, `.il-math-untypeset` and `.il-math-source`: their text, the TeX.
 * - Everything else counts as the reader shows it: headings, paragraphs, lists, tables, code blocks (text of
 *   highlight.js spans), callouts with their title, a snippet's id (`code.il-snippet-id`), glossary terms
 *   (`abbr.il-term`, text only), links' text, a missing image's alt text (`.il-image-missing`), uncertain
 *   repaired characters (`mark.il-uncertain`), text shown unformatted (`.il-unformatted`), and the
 *   highlights the page draws (`mark`): their text, as if the element were not there.
 * - Attributes never count (titles, alt of `img`, aria-label). `br`, `hr`, `img`, `wbr` add nothing.
 * - As a browser parses it: CR and CRLF are LF; one newline straight after `<pre>`/`<textarea>`/`<listing>` is
 *   dropped; entities decoded (named ones the renderer, KaTeX, highlight.js and the SVG writer emit, and
 *   numeric ones); comments add nothing.
 *
 * Never throws; linear in the HTML's length (end tags look for their element among the innermost 1,024 open ones).
 */
export function lessonPlainText(bodyHtml: string): string {
  const html = bodyHtml.indexOf('\r') < 0 ? bodyHtml : bodyHtml.replace(/\r\n?/g, '\n');
  const n = html.length;
  const out: string[] = [];
  // The open elements: names, modes, and whether each is in foreign content (svg, math), where `/>` closes.
  const names: string[] = [];
  const modes: TextMode[] = [];
  const foreign: boolean[] = [];
  let depth = 0;
  let mode = NORMAL;
  let inForeign = false;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (countsText(mode)) out.push(decodeText(html, i, textEnd));
      i = textEnd;
      if (lt < 0) break;
    }
    const c = html.charCodeAt(i + 1);
    if (isAlpha(c)) {
      // A start tag.
      const tag = readTag(html, i + 1, mode !== SKIP);
      if (!tag) break; // unterminated at the end: the browser drops it
      i = tag.end;
      const name = tag.name;
      const childForeign: boolean = inForeign || name === 'svg' || name === 'math';
      const m: TextMode = mode === SKIP ? SKIP : childMode(mode, name, tag.className, tag.ariaHidden, tag.encoding);
      if (!childForeign && VOID.has(name)) continue;
      if (childForeign && tag.selfClosing) continue;
      if (!childForeign && RAW_TEXT.has(name)) {
        // script, style …: text up to the matching end tag, as one text node (RCDATA ones decoded).
        const close = findEndTag(html, i, name);
        if (countsText(m)) out.push(RCDATA.has(name) ? decodeText(html, i, close) : html.slice(i, close));
        i = close;
        if (i < n) i = skipTag(html, i);
        continue;
      }
      if (!childForeign && PRE_LIKE.has(name) && html.charCodeAt(i) === 10) i++;
      names[depth] = name;
      modes[depth] = mode;
      foreign[depth] = inForeign;
      depth++;
      mode = m;
      inForeign = childForeign;
    } else if (c === 47 /* / */) {
      if (isAlpha(html.charCodeAt(i + 2))) {
        const tag = readTag(html, i + 2, false);
        if (!tag) break;
        i = tag.end;
        // The innermost open element of that name (looked for among the innermost MAX_END_TAG_SEARCH only, so
        // that broken HTML stays linear; the renderer's is balanced and far shallower).
        const name = tag.name;
        const stop = Math.max(0, depth - MAX_END_TAG_SEARCH);
        for (let k = depth - 1; k >= stop; k--) {
          if (names[k] !== name) continue;
          mode = modes[k];
          inForeign = foreign[k];
          depth = k;
          break;
        }
      } else if (html.charCodeAt(i + 2) === 62 /* > */) i += 3;
      else i = skipTag(html, i);
    } else if (c === 33 /* ! */) {
      if (html.startsWith('<!--', i)) {
        const close = html.indexOf('-->', i + 4);
        i = close < 0 ? n : close + 3;
      } else if (inForeign && html.startsWith('<![CDATA[', i)) {
        const close = html.indexOf(']]>', i + 9);
        if (countsText(mode)) out.push(html.slice(i + 9, close < 0 ? n : close));
        i = close < 0 ? n : close + 3;
      } else i = skipTag(html, i);
    } else if (c === 63 /* ? */) i = skipTag(html, i);
    else {
      // A '<' that starts no tag is text.
      if (countsText(mode)) out.push('<');
      i++;
    }
  }
  return out.join('');
}

// The modes as plain numbers in the hot loop.
const NORMAL = TextMode.Normal;
const SKIP = TextMode.Skip;
const MAX_END_TAG_SEARCH = 1024;

export const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
export const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
export const RCDATA = new Set(['textarea', 'title']);
export const PRE_LIKE = new Set(['pre', 'listing', 'textarea']);

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

interface Tag {
  name: string;
  className: string;
  ariaHidden: string;
  encoding: string;
  selfClosing: boolean;
  /** Just past the '>'. */
  end: number;
}

/** Past the next '>' (a bogus comment or an end tag's rest), or the end of the HTML. */
function skipTag(html: string, i: number): number {
  const gt = html.indexOf('>', i);
  return gt < 0 ? html.length : gt + 1;
}

/** Where `</name` (any case, followed by space, '/' or '>') starts at or after `i`, or the end of the HTML. */
function findEndTag(html: string, i: number, name: string): number {
  for (let at = html.indexOf('</', i); at >= 0; at = html.indexOf('</', at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() !== name) continue;
    const after = html.charCodeAt(at + 2 + name.length);
    if (isSpace(after) || after === 47 || after === 62) return at;
  }
  return html.length;
}

/**
 * A tag's name (lower case) and the attributes the rules read, from the name's first letter at `i`, as the
 * HTML tokenizer reads them; undefined when the HTML ends inside the tag. `attrs` false: the name only (the
 * attributes are still read past, quotes and all), for tags inside skipped elements.
 */
function readTag(html: string, i: number, attrs = true): Tag | undefined {
  const n = html.length;
  let j = i;
  let upper = false;
  while (j < n) {
    const c = html.charCodeAt(j);
    if (isSpace(c) || c === 47 || c === 62) break;
    if (c >= 65 && c <= 90) upper = true;
    j++;
  }
  const name = upper ? html.slice(i, j).toLowerCase() : html.slice(i, j);
  let className: string | undefined;
  let ariaHidden: string | undefined;
  let encoding: string | undefined;
  let selfClosing = false;
  while (j < n) {
    let c = html.charCodeAt(j);
    if (isSpace(c)) {
      j++;
      continue;
    }
    if (c === 62)
      return {
        name,
        className: className ?? '',
        ariaHidden: ariaHidden ?? '',
        encoding: encoding ?? '',
        selfClosing,
        end: j + 1,
      };
    if (c === 47) {
      selfClosing = html.charCodeAt(j + 1) === 62;
      j++;
      continue;
    }
    selfClosing = false;
    // An attribute name (a first '=' belongs to it), then an optional value.
    const nameStart = j;
    j++;
    while (j < n) {
      c = html.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62 || c === 61) break;
      j++;
    }
    const nameEnd = j;
    while (j < n && isSpace(html.charCodeAt(j))) j++;
    let valueStart = j;
    let valueEnd = j;
    if (html.charCodeAt(j) === 61) {
      j++;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      const q = html.charCodeAt(j);
      if (q === 34 || q === 39) {
        const close = html.indexOf(q === 34 ? '"' : "'", j + 1);
        if (close < 0) return undefined;
        valueStart = j + 1;
        valueEnd = close;
        j = close + 1;
      } else {
        valueStart = j;
        while (j < n) {
          c = html.charCodeAt(j);
          if (isSpace(c) || c === 62) break;
          j++;
        }
        valueEnd = j;
      }
    }
    if (!attrs) continue;
    // The first of a repeated attribute wins, as in a browser.
    const len = nameEnd - nameStart;
    if (len !== 5 && len !== 8 && len !== 11) continue;
    const attr = html.slice(nameStart, nameEnd).toLowerCase();
    if (attr === 'class') className ??= decodeText(html, valueStart, valueEnd);
    else if (attr === 'aria-hidden') ariaHidden ??= decodeText(html, valueStart, valueEnd);
    else if (attr === 'encoding') encoding ??= decodeText(html, valueStart, valueEnd);
  }
  return undefined;
}

/** Named references the renderer, markdown-it, KaTeX, highlight.js and the SVG writer can produce. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Windows-1252 for numeric references 0x80–0x9F, as the HTML spec maps them. */
const C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** html[start, end) with character references decoded. */
export function decodeText(html: string, start: number, end: number): string {
  // On the slice: an indexOf('&') from `start` over the whole HTML would look past `end` to the next '&'
  // anywhere, for every text node (quadratic on a lesson with few of them: Vietnamese, 2.5x slower).
  if (start !== 0 || end !== html.length) return decodeText(html.slice(start, end), 0, end - start);
  let amp = html.indexOf('&');
  if (amp < 0) return html;
  let out = '';
  let at = start;
  while (amp >= 0 && amp < end) {
    let j = amp + 1;
    let decoded: string | undefined;
    if (html.charCodeAt(j) === 35 /* # */) {
      j++;
      const hex = html.charCodeAt(j) === 120 || html.charCodeAt(j) === 88;
      if (hex) j++;
      const s = j;
      while (j < end && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(html[j])) j++;
      if (j > s) {
        const digits = html.slice(s, j);
        let code = j - s > 8 ? 0x110000 : parseInt(digits, hex ? 16 : 10);
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = 0xfffd;
        else if (code >= 0x80 && code <= 0x9f) code = C1[code - 0x80];
        decoded = String.fromCodePoint(code);
        if (html.charCodeAt(j) === 59) j++;
      }
    } else {
      const s = j;
      while (j < end && j - s < 8 && isAlnum(html.charCodeAt(j))) j++;
      if (html.charCodeAt(j) === 59 && Object.hasOwn(NAMED, html.slice(s, j))) {
        decoded = NAMED[html.slice(s, j)];
        j++;
      }
    }
    if (decoded !== undefined) {
      out += html.slice(at, amp) + decoded;
      at = j;
    }
    amp = html.indexOf('&', amp + 1);
    if (amp >= 0 && amp < at) amp = html.indexOf('&', at);
  }
  return out + html.slice(at, end);
}

function isAlnum(c: number): boolean {
  return isAlpha(c) || (c >= 48 && c <= 57);
}

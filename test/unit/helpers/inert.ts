// What "inert" means for HTML we put into the reader webview, checked on a real HTML5 parse (parse5
// follows the same tree-building rules as Chromium, so `<svg><style>`, `<noscript>` and foreign
// content are seen the way the browser sees them). Shared by the renderer, hostile-corpus and
// property tests.
import { parseFragment } from 'parse5';

/** Elements our pipeline produces (markdown-it, KaTeX's HTML + MathML + SVG, the reader's article). */
const HTML_ELEMENTS = new Set([
  'a',
  'abbr',
  'article',
  'blockquote',
  'br',
  'button',
  'code',
  'del',
  'div',
  'em',
  'fieldset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'img',
  'input',
  'label',
  'legend',
  'li',
  'nav',
  'ol',
  'p',
  'pre',
  's',
  'section',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
  'wbr',
]);
const MATHML_ELEMENTS = new Set([
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mover',
  'munder',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'mlabeledtr',
  'mpadded',
  'mphantom',
  'mstyle',
  'menclose',
  'merror',
]);
/** KaTeX's SVG, and what lesson figures may hold after the renderer's SVG allowlist (src/core/markdown/svgAllowlist.ts). */
const SVG_ELEMENTS = new Set([
  'svg',
  'path',
  'line',
  'rect',
  'g',
  'circle',
  'ellipse',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
]);
/** Never acceptable, whatever the namespace: named so a failure says what slipped through. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'base',
  'meta',
  'link',
  'style',
  'textarea',
  'select',
  'option',
  'template',
  'noscript',
  'portal',
  'video',
  'audio',
  'source',
  'picture',
  'foreignobject',
  'use',
  'animate',
  'set',
  'image',
  'maction',
  'area',
  'map',
  'param',
  'dialog',
  'details',
  'marquee',
  'isindex',
  'keygen',
  'plaintext',
  'xmp',
  'title',
  'svg:script',
]);
/** Attributes that carry URLs a browser may load or navigate to. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'srcset',
  'poster',
  'background',
  'data',
  'codebase',
  'cite',
  'ping',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'usemap',
  'manifest',
  'icon',
  'archive',
]);
/** Attributes that are never acceptable in lesson HTML. */
const FORBIDDEN_ATTRIBUTES = new Set([
  'srcdoc',
  'http-equiv',
  'autofocus',
  'contenteditable',
  'form',
  'target',
  'formaction',
  'action',
  'is',
  'nonce',
  'integrity',
  'xmlns:xlink',
]);
/** Our own data attributes (the page script acts on these, so nothing else may set data-*). */
const DATA_ATTRIBUTES = new Set([
  'data-il-link',
  'data-il-style',
  'data-il-open',
  'data-snippet-id',
  'data-lesson-id',
  'data-term',
  // ```quiz blocks (src/core/quiz/html.ts): what the page script checks answers with.
  'data-quiz-id',
  'data-quiz-type',
  'data-quiz-answer',
  'data-quiz-tolerance',
  'data-quiz-unit',
  'data-quiz-choice',
  'data-quiz-correct',
  'data-quiz-part',
  'data-quiz-action',
  'data-quiz-input',
]);
/** The inputs a quiz question may have (no file, image, submit, hidden …; never inside a form, which is forbidden). */
const INPUT_TYPES = new Set(['radio', 'checkbox', 'text']);
/** Ids the reader page itself uses: a lesson element with one of these would clobber the page's lookups. */
export const RESERVED_PAGE_IDS = new Set(['root', 'il-end']);

const SCRIPT_SCHEME =
  /^(javascript|vbscript|livescript|data|file|blob|filesystem|command|vscode[a-z-]*|about|chrome):/i;
// eslint-disable-next-line no-control-regex
const IGNORED_BY_BROWSERS = /[\u0000-\u0020\u007f-\u009f]/g;
const PAGE_URL = 'https://lesson.invalid/course/page.html';

export interface InertOptions {
  /** After `moveInlineStyles` (the article the page gets): no `style` attribute at all. */
  noStyleAttributes?: boolean;
  /** Image URLs the caller's `resolveImage` may produce (by prefix); without it there must be no <img>. */
  imagePrefixes?: string[];
  /** The reader's article, which holds the page's own `il-end` once: reserved ids are then checked as duplicates. */
  article?: boolean;
}

interface P5Attr {
  name: string;
  value: string;
  prefix?: string;
}
interface P5Node {
  nodeName: string;
  tagName?: string;
  namespaceURI?: string;
  attrs?: P5Attr[];
  childNodes?: P5Node[];
  content?: P5Node;
}

function namespaceOf(node: P5Node): 'html' | 'svg' | 'mathml' | 'other' {
  const ns = node.namespaceURI ?? '';
  if (ns.endsWith('/xhtml')) return 'html';
  if (ns.endsWith('/svg')) return 'svg';
  if (ns.endsWith('/MathML')) return 'mathml';
  return 'other';
}

/** CSS a style (or data-il-style) value may hold: KaTeX's sizes, colours and table alignment, nothing that loads or runs. */
export function cssProblem(css: string): string | undefined {
  const c = css.toLowerCase();
  if (/url\s*\(|expression\s*\(|@import|behavio(u)?r\s*:|-moz-binding|javascript:|image-set|image\s*\(|\\|<|>/.test(c))
    return 'loads or runs something';
  for (const decl of c
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)) {
    if (!/^[a-z-]+\s*:\s*[^:]*$/.test(decl)) return `not a plain declaration: ${decl}`;
  }
  return undefined;
}

/** Why a URL in an attribute is not acceptable (undefined when it is). Uses the WHATWG URL parser, as browsers do. */
export function urlProblem(attr: string, value: string, tag: string, opts: InertOptions): string | undefined {
  const compact = value.replace(IGNORED_BY_BROWSERS, '');
  if (SCRIPT_SCHEME.test(compact)) return 'script-capable or local scheme';
  if (attr === 'href' && tag === 'a') {
    let url: URL;
    try {
      url = new URL(value, PAGE_URL);
    } catch {
      return undefined; // the browser would not follow it either
    }
    if (!['https:', 'http:', 'mailto:'].includes(url.protocol)) return `scheme ${url.protocol}`;
    const relative = !/^[a-z][a-z0-9+.-]*:/i.test(compact);
    if (relative && url.host !== 'lesson.invalid') return 'relative URL that leaves the page (protocol-relative)';
    return undefined;
  }
  if (attr === 'src' && tag === 'img') {
    if ((opts.imagePrefixes ?? []).some((p) => value.startsWith(p))) return undefined;
    return 'image URL not produced by resolveImage';
  }
  return `URL attribute ${attr} on <${tag}>`;
}

/** Every reason the HTML is not inert (empty when it is). */
export function inertProblems(html: string, opts: InertOptions = {}): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const visit = (node: P5Node, depth: number) => {
    if (depth > 10_000) {
      problems.push('tree deeper than 10,000 elements');
      return;
    }
    if (node.tagName) {
      const tag = node.tagName.toLowerCase();
      const ns = namespaceOf(node);
      const where = `<${tag}${node.attrs?.length ? ' ' + node.attrs.map((a) => `${a.prefix ? a.prefix + ':' : ''}${a.name}="${a.value.slice(0, 80)}"`).join(' ') : ''}>`;
      // An SVG <title> is a figure's label; an HTML one would retitle the page.
      if (FORBIDDEN_ELEMENTS.has(tag) && !(ns === 'svg' && (tag === 'title' || tag === 'desc')))
        problems.push(`forbidden element ${where}`);
      else if (
        ns === 'svg'
          ? !SVG_ELEMENTS.has(tag)
          : ns === 'mathml'
            ? !MATHML_ELEMENTS.has(tag)
            : !(HTML_ELEMENTS.has(tag) || MATHML_ELEMENTS.has(tag))
      ) {
        problems.push(
          `unexpected ${ns} element ${where} (add it to the allowlist in test/unit/helpers/inert.ts if it is harmless)`,
        );
      }
      for (const a of node.attrs ?? []) {
        const name = (a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase();
        if (name.startsWith('on')) problems.push(`event-handler attribute ${name} in ${where}`);
        else if (FORBIDDEN_ATTRIBUTES.has(name)) problems.push(`forbidden attribute ${name} in ${where}`);
        else if (name === 'style') {
          if (opts.noStyleAttributes) problems.push(`style attribute left after moveInlineStyles in ${where}`);
          const why = cssProblem(a.value);
          if (why) problems.push(`unsafe style (${why}) in ${where}`);
        } else if (name === 'data-il-style') {
          const why = cssProblem(a.value);
          if (why) problems.push(`unsafe data-il-style (${why}) in ${where}`);
        } else if (name.startsWith('data-') && !DATA_ATTRIBUTES.has(name))
          problems.push(`unexpected data attribute ${name} in ${where}`);
        else if (URL_ATTRIBUTES.has(name)) {
          const why = urlProblem(name, a.value, tag, opts);
          if (why) problems.push(`${why}: ${name} in ${where}`);
        } else if (name === 'type' && tag === 'button' && a.value !== 'button')
          problems.push(`button that submits: ${where}`);
        else if (name === 'id') {
          ids.set(a.value, (ids.get(a.value) ?? 0) + 1);
          if (RESERVED_PAGE_IDS.has(a.value) && !opts.article)
            problems.push(`id clobbers the reader page's own element: ${where}`);
        }
      }
      if (tag === 'input' && !INPUT_TYPES.has(node.attrs?.find((a) => a.name === 'type')?.value ?? ''))
        problems.push(`input that is not a radio button, checkbox or text field: ${where}`);
      if (tag === 'button' && !node.attrs?.some((a) => a.name === 'type'))
        problems.push(`button without type="button": ${where}`);
    }
    for (const c of node.childNodes ?? []) visit(c, depth + 1);
    if (node.content) visit(node.content, depth + 1);
  };
  visit(parseFragment(html) as unknown as P5Node, 0);
  for (const [id, n] of ids) if (n > 1) problems.push(`duplicate id "${id}" (${n} elements)`);
  return problems;
}

/** Throws with every reason the HTML is not inert. */
export function assertInert(html: string, opts: InertOptions = {}): void {
  const problems = inertProblems(html, opts);
  if (problems.length) {
    const shown = problems.slice(0, 15).join('\n  ');
    throw new Error(`not inert (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n  ${shown}`);
  }
}

// A figure's SVG, parsed with a real XML parser (sax, strict mode) and written out again from an allowlist:
// shape and text elements, presentation attributes and `class`, nothing else. The original text is never passed
// through: every element, attribute and piece of text in the result was rebuilt and escaped here. Anything that
// could run, load or reference something (script, foreignObject, event attributes, href, url(), style, DOCTYPE
// and entities) makes the whole figure fail with a reason, so an author learns what to remove.
import { MAX_FIGURE_BYTES, MAX_FIGURE_DEPTH, MAX_FIGURE_ELEMENTS } from './figures';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Attributes one element may have. */
const MAX_ATTRIBUTES = 256;

/** Elements kept. `metadata` (editors write it) is dropped with everything in it; any other element fails. */
export const SVG_ELEMENTS: ReadonlySet<string> = new Set([
  'svg',
  'g',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
]);
const DROPPED_ELEMENTS = new Set(['metadata']);
/** Elements whose text is kept (escaped); text anywhere else is dropped. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc']);

const NUMBERS = /^[-+0-9.eE\s,]*$/;
const LENGTHS = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?:px|em|ex|pt|%)?[\s,]*)*$/i;
const COLOUR =
  /^(?:none|currentColor|transparent|#[0-9a-f]{3,8}|[a-z]{3,30}|var\(--[a-z0-9-]{1,60}(?:,\s*(?:#[0-9a-f]{3,8}|[a-z]{3,30}|rgba?\([\d\s.,%]{1,40}\)))?\)|rgba?\([\d\s.,%]{1,40}\))$/i;
const enumOf = (...v: string[]) => new RegExp(`^(?:${v.join('|')})$`);

/** Attributes kept, each with the values it may have. Others are dropped (ids too: they could clobber the page's). */
export const SVG_ATTRIBUTES: ReadonlyMap<string, RegExp> = new Map<string, RegExp>([
  ['class', /^[A-Za-z0-9_\- ]{0,200}$/],
  ['viewBox', NUMBERS],
  ['preserveAspectRatio', /^(?:none|x(?:Min|Mid|Max)Y(?:Min|Mid|Max))(?:\s+(?:meet|slice))?$/],
  ...['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'dx', 'dy'].map(
    (a) => [a, LENGTHS] as [string, RegExp],
  ),
  ...['stroke-width', 'font-size', 'stroke-dashoffset', 'stroke-miterlimit'].map(
    (a) => [a, LENGTHS] as [string, RegExp],
  ),
  ...['opacity', 'fill-opacity', 'stroke-opacity'].map((a) => [a, /^(?:\d*\.?\d+%?)$/] as [string, RegExp]),
  ['d', /^[-+0-9.eE\s,MmZzLlHhVvCcSsQqTtAa]*$/],
  ['points', NUMBERS],
  ['transform', /^(?:\s*(?:matrix|translate|scale|rotate|skewX|skewY)\s*\([-+0-9.eE\s,]*\)\s*,?)*\s*$/],
  ['fill', COLOUR],
  ['stroke', COLOUR],
  ['stroke-dasharray', /^(?:none|[0-9.\s,]*)$/],
  ['stroke-linecap', enumOf('butt', 'round', 'square')],
  ['stroke-linejoin', enumOf('miter', 'round', 'bevel', 'arcs', 'miter-clip')],
  ['fill-rule', enumOf('nonzero', 'evenodd')],
  ['text-anchor', enumOf('start', 'middle', 'end')],
  [
    'dominant-baseline',
    enumOf(
      'auto',
      'middle',
      'central',
      'hanging',
      'alphabetic',
      'ideographic',
      'mathematical',
      'text-top',
      'text-bottom',
    ),
  ],
  ['font-weight', enumOf('normal', 'bold', 'bolder', 'lighter', '[1-9]00')],
  ['font-style', enumOf('normal', 'italic', 'oblique')],
  ['font-family', /^[A-Za-z0-9 ,-]{0,100}$/],
  ['vector-effect', enumOf('none', 'non-scaling-stroke')],
  ['visibility', enumOf('visible', 'hidden')],
]);

/** Why a figure failed the allowlist, in words for the page and the log. */
export class SvgNotAllowed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SvgNotAllowed';
  }
}

interface SaxTag {
  name: string;
  local: string;
  prefix: string;
  uri: string;
  attributes: Record<string, { name: string; value: string; local: string; prefix: string; uri: string }>;
  isSelfClosing: boolean;
}
interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (t: SaxTag) => void;
  onclosetag: (name: string) => void;
  ontext: (t: string) => void;
  oncdata: (t: string) => void;
  ondoctype: (d: string) => void;
  onprocessinginstruction: (p: { name: string; body: string }) => void;
  write(s: string): SaxParser;
  close(): SaxParser;
}
interface SaxModule {
  parser(strict: boolean, opt: { xmlns: boolean; strictEntities: boolean; position: boolean }): SaxParser;
}
let sax: SaxModule | undefined;
/** Required on first use, not imported: the extension's activation bundle imports core but never parses a figure. */
function saxModule(): SaxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (sax ??= require('sax') as SaxModule);
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Values no attribute may carry, whatever its name: references and script in any spelling a parser accepts. */
// eslint-disable-next-line no-control-regex
const DANGEROUS_VALUE = /url\s*\(|javascript:|vbscript:|data:|expression\s*\(|@import|[\u0000-\u0008]/i;

export interface SanitizeOptions {
  /** Attributes set on the root `<svg>` by the caller (role, aria-label, class): escaped, written after the file's. */
  rootAttributes?: Record<string, string>;
}

/**
 * The figure rebuilt from the allowlist, or SvgNotAllowed with the reason. Bounded: at most MAX_FIGURE_BYTES of
 * text, MAX_FIGURE_ELEMENTS elements nested at most MAX_FIGURE_DEPTH deep.
 */
export function sanitizeSvg(text: string, options: SanitizeOptions = {}): string {
  if (text.length > MAX_FIGURE_BYTES) throw new SvgNotAllowed(`larger than ${MAX_FIGURE_BYTES / 1024} KB`);
  // sax checks each attribute against the element's earlier ones (quadratic in one element's attributes): count
  // them first, on the raw text, by the `="` / `='` that start their values between one `<` and the next.
  for (const tag of text.split('<'))
    if (tag.length > MAX_ATTRIBUTES * 3 && (tag.match(/=\s*["']/g)?.length ?? 0) > MAX_ATTRIBUTES)
      throw new SvgNotAllowed(`an element with more than ${MAX_ATTRIBUTES} attributes`);
  const out: string[] = [];
  /** Open elements: name as written out, or null for one dropped with its contents. */
  const stack: (string | null)[] = [];
  let dropping = 0;
  let elements = 0;
  let sawRoot = false;
  let rootClass = '';
  const parser = saxModule().parser(true, { xmlns: true, strictEntities: true, position: false });
  parser.onerror = (e) => {
    throw new SvgNotAllowed(`not well-formed XML (${e.message.split('\n')[0]})`);
  };
  parser.ondoctype = () => {
    throw new SvgNotAllowed('a DOCTYPE is not allowed');
  };
  parser.onprocessinginstruction = (p) => {
    if (p.name.toLowerCase() !== 'xml')
      throw new SvgNotAllowed(`the processing instruction <?${p.name}?> is not allowed`);
  };
  parser.onopentag = (tag) => {
    if (++elements > MAX_FIGURE_ELEMENTS) throw new SvgNotAllowed(`more than ${MAX_FIGURE_ELEMENTS} elements`);
    if (stack.length >= MAX_FIGURE_DEPTH) throw new SvgNotAllowed(`elements nested more than ${MAX_FIGURE_DEPTH} deep`);
    if (dropping) {
      dropping++;
      stack.push(null);
      return;
    }
    const name = tag.local;
    if (tag.uri !== SVG_NS && tag.uri !== '') throw new SvgNotAllowed(`element <${tag.name}> is not SVG`);
    if (!stack.length) {
      if (name !== 'svg' || sawRoot) throw new SvgNotAllowed('the root element is not <svg>');
      sawRoot = true;
    }
    if (DROPPED_ELEMENTS.has(name)) {
      dropping = 1;
      stack.push(null);
      return;
    }
    if (!SVG_ELEMENTS.has(name) || (name === 'svg' && stack.length))
      throw new SvgNotAllowed(`element <${tag.name}> is not allowed`);
    let attrs = '';
    for (const a of Object.values(tag.attributes)) {
      const local = a.local || a.name;
      if (/^on/i.test(local)) throw new SvgNotAllowed(`event attribute ${a.name} is not allowed`);
      if (/^(?:href|src|style)$/i.test(local)) throw new SvgNotAllowed(`attribute ${a.name} is not allowed`);
      if (DANGEROUS_VALUE.test(a.value))
        throw new SvgNotAllowed(`attribute ${a.name} has a reference or script in its value`);
      const rule = a.prefix ? undefined : SVG_ATTRIBUTES.get(a.name);
      if (!rule) continue; // id, xmlns, version, data-*, aria-*, editors' namespaced attributes: dropped
      if (a.value.length > 64 * 1024 || !rule.test(a.value.trim()))
        throw new SvgNotAllowed(`attribute ${a.name}="${a.value.slice(0, 40)}" has a value outside the allowlist`);
      if (!stack.length && options.rootAttributes && Object.hasOwn(options.rootAttributes, a.name)) {
        if (a.name === 'class') rootClass = a.value.trim();
        continue;
      }
      attrs += ` ${a.name}="${escapeAttr(a.value.trim())}"`;
    }
    if (!stack.length) {
      attrs = ` xmlns="${SVG_NS}"${attrs}`;
      for (const [k, v] of Object.entries(options.rootAttributes ?? {}))
        attrs += ` ${k}="${escapeAttr(k === 'class' && rootClass ? `${v} ${rootClass}` : v)}"`;
    }
    out.push(`<${name}${attrs}>`);
    stack.push(name);
  };
  parser.onclosetag = () => {
    const name = stack.pop();
    if (name === null) {
      dropping--;
      return;
    }
    out.push(`</${name}>`);
  };
  const onText = (t: string) => {
    const open = stack[stack.length - 1];
    if (!dropping && open && TEXT_ELEMENTS.has(open)) out.push(escapeText(t));
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.write(text).close();
  if (!sawRoot) throw new SvgNotAllowed('no <svg> element');
  return out.join('');
}

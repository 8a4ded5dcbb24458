// Export Lesson with Notes (issue 16): one standalone HTML file of a lesson with its highlights as <mark> and its
// notes as <aside>, KaTeX's CSS and fonts inside, that works offline and runs nothing. The marks go over ranges of
// the lesson's plain text, so the body HTML is walked by the same element rules as lessonPlainText
// (plainTextRules.ts), keeping each counted text node's place in the HTML.
import { escapeHtml } from '../text/escape';
import { decodeText, PRE_LIKE, RAW_TEXT, RCDATA, VOID } from './plainText';
import { childMode, countsText, hasClass, TextMode } from './plainTextRules';
import type { HighlightColor, TextRange } from './types';

/** One annotation to draw: its range now (undefined = an orphan, listed at the end). */
export interface ExportAnnotation {
  id: string;
  color: HighlightColor;
  range: TextRange | undefined;
  exact: string;
  note: string;
}

/** Text in the exported page, in the reader's language. */
export interface ExportLabels {
  /** Heading of the orphans' list. */
  orphans: string;
  /** Under it: why they are not in the text. */
  orphansHint: string;
  /** The line under the title, e.g. "Exported from Interp Lessons on 2026-12-06, 5 notes". */
  subtitle: string;
}

export interface ExportDocumentOptions {
  lang: string;
  title: string;
  /** The lesson body the reader shows (RenderedLesson.html, inline styles moved to data-il-style or not). */
  bodyHtml: string;
  annotations: readonly ExportAnnotation[];
  /** katex.min.css as shipped; its woff2 fonts come from `fonts`. */
  katexCss: string;
  /**
   * The reader's stylesheet (media/reader.css), so callouts, code, tables and figures look as in the reader; its
   * colours come from the --vscode-* variables this page defines for light and dark.
   */
  lessonCss?: string;
  /** woff2 file name (e.g. KaTeX_Main-Regular.woff2) → its bytes in base64. */
  fonts: ReadonlyMap<string, string>;
  labels: ExportLabels;
  /** A note's markdown as HTML (the lesson renderer); by default its text, escaped, in paragraphs. */
  renderNote?: (markdown: string) => string;
}

/** What may draw on the exported page: inline styles and data: fonts and images, nothing else at all. */
export const EXPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

/** Elements where a text node is only inter-element whitespace: a <mark> there would be moved out by the parser. */
const STRUCTURAL_TAGS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup', 'ul', 'ol', 'dl', 'select']);
/** Blocks a note goes after (at their end when they are a list item or definition: inside them). */
const LEAF_BLOCKS = new Set(['p', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'div', 'details']);
const CONTAINER_BLOCKS = new Set(['li', 'dd', 'dt']);
/** Elements dropped with their content (none come from the renderer; a defence in depth). */
const DROPPED_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'link',
  'meta',
  'base',
  'form',
  'template',
]);

/** A counted text node or a whole formula: where it is in the plain text and in the HTML. */
interface Unit {
  plainStart: number;
  plainEnd: number;
  srcStart: number;
  srcEnd: number;
  /** A formula (marked whole); else a text node. */
  formula: boolean;
  /** A display formula (its .katex-display wrapper is what gets marked). */
  display: boolean;
  /** Whitespace-only text in a table row or list, where no <mark> may go. */
  structural: boolean;
  /** Index of the innermost block it is in, or -1. */
  block: number;
}

/** A block element: where a note after it is inserted. */
interface Block {
  tag: string;
  /** Where a note goes: after its end tag, or before it (list items). */
  insertAt: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Order among edits at the same place (insertions before a replacement starting there). */
  seq: number;
}

/** The body walked: its plain text (as lessonPlainText), counted units, blocks and the tag rewrites. */
export interface BodyWalk {
  /** The HTML walked (CR and CRLF as LF, as the browser reads it): what the positions refer to. */
  html: string;
  text: string;
  units: Unit[];
  blocks: Block[];
  tagEdits: Edit[];
}

interface OpenElement {
  tag: string;
  mode: TextMode;
  srcStart: number;
  className: string;
  /** In svg or math, where `/>` closes an element and no element is void or raw text. */
  foreign: boolean;
  /** The formula unit this element is the root of. */
  formulaUnit?: Unit;
  block?: number;
}

/**
 * Walks body HTML the way lessonPlainText does (text nodes of counted elements, a formula as its TeX), keeping
 * positions. The HTML is the renderer's: well-formed, attributes quoted.
 */
export function walkBody(bodyHtml: string): BodyWalk {
  const html = bodyHtml.indexOf('\r') < 0 ? bodyHtml : bodyHtml.replace(/\r\n?/g, '\n');
  const w = new Walker(html);
  w.run();
  return { html, text: w.parts.join(''), units: w.units, blocks: w.blocks, tagEdits: w.tagEdits };
}

class Walker {
  readonly parts: string[] = [];
  readonly units: Unit[] = [];
  readonly blocks: Block[] = [];
  readonly tagEdits: Edit[] = [];
  private readonly stack: OpenElement[] = [];
  private pos = 0;
  private i = 0;

  constructor(private readonly html: string) {}

  private get top(): OpenElement | undefined {
    return this.stack[this.stack.length - 1];
  }
  private get mode(): TextMode {
    return this.top?.mode ?? TextMode.Normal;
  }

  run(): void {
    const html = this.html;
    while (this.i < html.length) {
      const lt = html.indexOf('<', this.i);
      const textEnd = lt < 0 ? html.length : lt;
      if (textEnd > this.i) this.text(this.i, textEnd);
      if (lt < 0) break;
      this.i = lt;
      if (html.startsWith('<!--', lt)) this.i = skipTo(html, '-->', lt + 4);
      else if (html[lt + 1] === '/') this.endTag();
      else if (/[A-Za-z]/.test(html[lt + 1] ?? '')) this.startTag();
      else if (html[lt + 1] === '!' || html[lt + 1] === '?') this.i = skipTo(html, '>', lt + 1);
      else this.text(lt, lt + 1);
    }
    while (this.stack.length) this.close(this.stack.length - 1, html.length, html.length);
  }

  private text(start: number, end: number, raw = false): void {
    this.i = end;
    if (!countsText(this.mode)) return;
    const decoded = raw ? this.html.slice(start, end) : decodeText(this.html, start, end);
    const plainStart = this.pos;
    this.parts.push(decoded);
    this.pos += decoded.length;
    if (this.mode === TextMode.FormulaTex) return;
    const parent = this.top?.tag ?? '';
    this.units.push({
      plainStart,
      plainEnd: this.pos,
      srcStart: start,
      srcEnd: end,
      formula: false,
      display: false,
      structural: STRUCTURAL_TAGS.has(parent) && !/\S/.test(decoded),
      block: this.innermostBlock(),
    });
  }

  private startTag(): void {
    const start = this.i;
    const end = tagEnd(this.html, start);
    const raw = this.html.slice(start, end);
    const m = /^<([A-Za-z][^\s/>]*)/.exec(raw)!;
    const tag = m[1].toLowerCase();
    const attrs = parseAttributes(raw.slice(m[0].length));
    this.i = end;
    const rewritten = rewriteTag(tag, attrs);
    if (rewritten !== undefined && rewritten !== raw) this.tagEdits.push({ start, end, text: rewritten, seq: 0 });
    const foreign = (this.top?.foreign ?? false) || tag === 'svg' || tag === 'math';
    if (foreign ? raw.endsWith('/>') : VOID.has(tag)) return;
    if (!foreign && RAW_TEXT.has(tag)) return this.rawText(tag, start, end, attrs);
    if (DROPPED_TAGS.has(tag)) this.tagEdits.push({ start, end, text: '', seq: 0 });
    this.open(tag, start, attrs, foreign);
    // As the parser does: a newline straight after <pre> is not text.
    if (!foreign && PRE_LIKE.has(tag) && this.html.charCodeAt(end) === 10) this.i = end + 1;
  }

  private open(tag: string, start: number, attrs: Map<string, string>, foreign: boolean): void {
    const parent = this.mode;
    const className = attrs.get('class') ?? '';
    const mode = childMode(parent, tag, className, attrs.get('aria-hidden') ?? '', attrs.get('encoding') ?? '');
    const el: OpenElement = { tag, mode, srcStart: start, className, foreign };
    if (mode === TextMode.Formula && parent !== TextMode.Formula && parent !== TextMode.FormulaTex) {
      const display = !!this.top && hasClass(this.top.className, 'katex-display');
      el.formulaUnit = {
        plainStart: this.pos,
        plainEnd: this.pos,
        srcStart: display ? this.top!.srcStart : start,
        srcEnd: start,
        formula: true,
        display,
        structural: false,
        block: this.innermostBlock(),
      };
      this.units.push(el.formulaUnit);
    }
    if (countsText(mode) && mode !== TextMode.FormulaTex && (LEAF_BLOCKS.has(tag) || CONTAINER_BLOCKS.has(tag))) {
      el.block = this.blocks.length;
      this.blocks.push({ tag, insertAt: -1 });
    }
    this.stack.push(el);
  }

  /** script, style, textarea, title …: their content is one text node up to the end tag. */
  private rawText(tag: string, start: number, openEnd: number, attrs: Map<string, string>): void {
    const re = new RegExp(`</${tag}[\\s/>]`, 'gi');
    re.lastIndex = openEnd;
    const close = re.exec(this.html)?.index ?? -1;
    const contentEnd = close < 0 ? this.html.length : close;
    const end = close < 0 ? contentEnd : tagEnd(this.html, close);
    this.open(tag, start, attrs, false);
    if (contentEnd > openEnd) this.text(openEnd, contentEnd, !RCDATA.has(tag));
    this.close(this.stack.length - 1, contentEnd, end);
    if (DROPPED_TAGS.has(tag)) this.tagEdits.push({ start, end, text: '', seq: 0 });
    this.i = end;
  }

  private endTag(): void {
    const start = this.i;
    const end = tagEnd(this.html, start);
    const tag = (/^<\/([^\s/>]*)/.exec(this.html.slice(start, end))?.[1] ?? '').toLowerCase();
    this.i = end;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      if (this.stack[k].tag !== tag) continue;
      while (this.stack.length > k + 1) this.close(this.stack.length - 1, start, start);
      this.close(k, start, end);
      return;
    }
  }

  /** Pops stack[k] (the top), whose end tag spans [closeStart, closeEnd). */
  private close(k: number, closeStart: number, closeEnd: number): void {
    const el = this.stack[k];
    this.stack.length = k;
    if (el.formulaUnit) {
      el.formulaUnit.plainEnd = this.pos;
      el.formulaUnit.srcEnd = closeEnd;
    }
    if (hasClass(el.className, 'katex-display')) {
      for (let u = this.units.length - 1; u >= 0 && this.units[u].srcStart >= el.srcStart; u--)
        if (this.units[u].display && this.units[u].srcStart === el.srcStart) this.units[u].srcEnd = closeEnd;
    }
    if (el.block !== undefined) this.blocks[el.block].insertAt = CONTAINER_BLOCKS.has(el.tag) ? closeStart : closeEnd;
  }

  private innermostBlock(): number {
    for (let k = this.stack.length - 1; k >= 0; k--) if (this.stack[k].block !== undefined) return this.stack[k].block!;
    return -1;
  }
}

function skipTo(html: string, needle: string, from: number): number {
  const at = html.indexOf(needle, from);
  return at < 0 ? html.length : at + needle.length;
}

/** The end (exclusive) of the tag starting at `start`: its `>` outside quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return html.length;
}

/** Attributes of a start tag (names lower-case, values entity-decoded), first occurrence wins as in HTML. */
function parseAttributes(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const name = m[1].toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (!attrs.has(name)) attrs.set(name, decodeText(value, 0, value.length));
  }
  return attrs;
}

/**
 * The tag written again with only what is safe offline: links only to fragments, sources only data:, no event
 * handlers, KaTeX's moved styles (data-il-style) back as style. Undefined to keep the tag as it is.
 */
function rewriteTag(tag: string, attrs: Map<string, string>): string | undefined {
  let changed = false;
  const out: string[] = [];
  for (const [name, value] of attrs) {
    const kept = keptAttribute(name, value);
    if (kept === undefined || kept !== name) changed = true;
    if (kept !== undefined) out.push(` ${kept}="${escapeHtml(value)}"`);
  }
  return changed ? `<${tag}${out.join('')}>` : undefined;
}

/** The name an attribute is written under, or undefined to drop it. */
function keptAttribute(name: string, value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (name.startsWith('on') || name === 'srcset' || name === 'formaction' || name === 'action') return undefined;
  if (name === 'href' || name === 'xlink:href') return v.startsWith('#') ? name : undefined;
  if (name === 'src' || name === 'poster' || name === 'background')
    return v.startsWith('data:image/') ? name : undefined;
  if (name === 'style' || name === 'data-il-style')
    return /url\s*\(|expression\s*\(|@import/i.test(v) ? undefined : 'style';
  return name;
}

/** An annotation with a range, as drawn. */
type Anchored = ExportAnnotation & { range: TextRange };

/**
 * The body HTML with each anchored annotation as <mark class="il-mark il-{color}"> over its range (split at element
 * boundaries; a formula it touches marked whole) and each note as an <aside> after the paragraph its range ends
 * in. Links to anything but a fragment, non-data sources, event handlers and scripts are dropped on the way.
 */
export function markBody(
  bodyHtml: string,
  annotations: readonly ExportAnnotation[],
  renderNote: (markdown: string) => string = plainNote,
): string {
  const walk = walkBody(bodyHtml);
  const html = walk.html;
  const anchored = annotations
    .filter((a): a is Anchored => !!a.range && a.range.end > a.range.start)
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.id < b.id ? -1 : 1));
  const edits = [
    ...walk.tagEdits,
    ...markEdits(html, walk, anchored),
    ...noteEdits(walk, anchored, renderNote, html.length),
  ];
  return applyEdits(html, edits);
}

/** For each unit an annotation covers part of: the marks, as replacements of the unit's HTML. */
function markEdits(html: string, walk: BodyWalk, anchored: readonly Anchored[]): Edit[] {
  const covering = new Map<Unit, Anchored[]>();
  for (const a of anchored) {
    for (let u = firstUnitEndingAfter(walk.units, a.range.start); u < walk.units.length; u++) {
      const unit = walk.units[u];
      if (unit.plainStart >= a.range.end) break;
      if (unit.plainEnd <= a.range.start || unit.structural) continue;
      const list = covering.get(unit) ?? [];
      list.push(a);
      covering.set(unit, list);
    }
  }
  const edits: Edit[] = [];
  for (const [unit, list] of covering) {
    const src = html.slice(unit.srcStart, unit.srcEnd);
    const text = unit.formula ? src : markText(html, unit, list);
    edits.push({
      start: unit.srcStart,
      end: unit.srcEnd,
      text: unit.formula ? wrap(text, list, unit.display) : text,
      seq: 1,
    });
  }
  return edits;
}

function firstUnitEndingAfter(units: readonly Unit[], offset: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].plainEnd <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A text unit's HTML with the covered pieces wrapped, one mark per covering annotation (nested). */
function markText(html: string, unit: Unit, list: readonly Anchored[]): string {
  const cuts = new Set([unit.plainStart, unit.plainEnd]);
  for (const a of list) {
    if (a.range.start > unit.plainStart && a.range.start < unit.plainEnd) cuts.add(a.range.start);
    if (a.range.end > unit.plainStart && a.range.end < unit.plainEnd) cuts.add(a.range.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const src = sourceOffsets(html, unit, points);
  let out = '';
  for (let k = 0; k + 1 < points.length; k++) {
    const piece = html.slice(src[k], src[k + 1]);
    if (!piece) continue;
    const over = list.filter((a) => a.range.start <= points[k] && a.range.end >= points[k + 1]);
    out += over.length ? wrap(piece, over, false) : piece;
  }
  return out;
}

/**
 * The HTML offsets of plain-text offsets (ascending) inside a text unit, whose source may hold character
 * references: a point inside one reference's decoded text moves to the reference's end.
 */
function sourceOffsets(html: string, unit: Unit, points: readonly number[]): number[] {
  const out: number[] = [];
  let plain = unit.plainStart;
  let src = unit.srcStart;
  const ref = /&(?:#[xX][0-9A-Fa-f]+;?|#[0-9]+;?|[A-Za-z0-9]{1,8};)/y;
  for (const p of points) {
    while (plain < p && src < unit.srcEnd) {
      ref.lastIndex = src;
      const m = html[src] === '&' ? ref.exec(html) : null;
      const raw = m && m.index + m[0].length <= unit.srcEnd ? m[0] : html[src];
      plain += decodeText(raw, 0, raw.length).length;
      src += raw.length;
    }
    out.push(src);
  }
  return out;
}

function wrap(inner: string, list: readonly Anchored[], block: boolean): string {
  let out = inner;
  for (let k = list.length - 1; k >= 0; k--) {
    const a = list[k];
    const cls = `il-mark il-${a.color}${block ? ' il-mark-block' : ''}`;
    out = `<mark class="${cls}" data-annotation="${escapeHtml(a.id)}">${out}</mark>`;
  }
  return out;
}

/** Each non-empty note as an <aside> after the block its range ends in (the body's end when in none). */
function noteEdits(
  walk: BodyWalk,
  anchored: readonly Anchored[],
  renderNote: (md: string) => string,
  end: number,
): Edit[] {
  const edits: Edit[] = [];
  anchored.forEach((a, k) => {
    if (!a.note.trim()) return;
    const last = walk.units[Math.max(0, firstUnitEndingAfter(walk.units, a.range.end - 1))];
    const block = last && last.block >= 0 ? walk.blocks[last.block] : undefined;
    const at = block && block.insertAt >= 0 ? block.insertAt : end;
    edits.push({ start: at, end: at, text: noteAside(a, renderNote), seq: -anchored.length + k });
  });
  return edits;
}

function noteAside(a: Anchored, renderNote: (md: string) => string): string {
  const body = sanitizeFragment(renderNote(a.note));
  return `<aside class="il-note il-${a.color}" data-annotation="${escapeHtml(a.id)}">${body}</aside>`;
}

/** A note as escaped text: a paragraph per blank-line-separated block, line breaks kept. */
export function plainNote(markdown: string): string {
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** HTML from elsewhere (a rendered note) with the same rewriting as the body: no script, no outside URL. */
function sanitizeFragment(html: string): string {
  return applyEdits(html, walkBody(html).tagEdits);
}

/**
 * Applies the edits; at one place insertions (lower seq) come before a replacement, and of two replacements the
 * wider (a dropped element over its start tag's rewrite) wins.
 */
function applyEdits(html: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.seq - b.seq || b.end - a.end);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue; // inside something already replaced (a dropped element)
    out.push(html.slice(at, e.start), e.text);
    at = e.end;
  }
  out.push(html.slice(at));
  return out.join('');
}

/**
 * katex.min.css with its fonts inside: each @font-face's woff2 as a data: URL, the woff and ttf fallbacks dropped
 * (every browser that reads the file reads woff2). A font missing from `fonts` leaves its face without a source.
 */
export function inlineKatexFonts(css: string, fonts: ReadonlyMap<string, string>): string {
  return css.replace(/src:([^;}]*)/g, (_all, list: string) => {
    const woff2 = /url\(\s*["']?(?:[^"')]*\/)?([^"'/)]+\.woff2)["']?\s*\)\s*format\(\s*["']?woff2["']?\s*\)/.exec(list);
    const data = woff2 ? fonts.get(woff2[1]) : undefined;
    return data ? `src:url(data:font/woff2;base64,${data}) format("woff2")` : 'src:local("☺")';
  });
}

/** The whole exported page: CSP, KaTeX with its fonts, the page's own light and dark styles, the marked body. */
export function buildExportDocument(o: ExportDocumentOptions): string {
  const render = o.renderNote ?? plainNote;
  const body = markBody(o.bodyHtml, o.annotations, render);
  const orphans = o.annotations.filter((a) => !a.range || a.range.end <= a.range.start);
  const orphanList = orphans.length
    ? `<section class="il-orphans"><h2>${escapeHtml(o.labels.orphans)}</h2><p>${escapeHtml(o.labels.orphansHint)}</p>${orphans
        .map(
          (a) =>
            `<aside class="il-note il-${a.color}" data-annotation="${escapeHtml(a.id)}"><blockquote>${escapeHtml(a.exact)}</blockquote>${a.note.trim() ? sanitizeFragment(render(a.note)) : ''}</aside>`,
        )
        .join('')}</section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(o.title)}</title>
<style>${styleText(inlineKatexFonts(o.katexCss, o.fonts))}</style>
<style>${styleText(o.lessonCss ?? '')}</style>
<style>${exportCss()}</style>
</head>
<body>
<main class="il-lesson">
<header><h1>${escapeHtml(o.title)}</h1><p class="il-subtitle">${escapeHtml(o.labels.subtitle)}</p></header>
<div class="il-lesson-body">${body}</div>
${orphanList}
</main>
</body>
</html>
`;
}

/** CSS text safe inside <style>: it cannot close the element. */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * VS Code's theme colours the reader's stylesheet reads, as Light Modern and Dark Modern define them: the page has
 * no VS Code around it, and follows the system's light or dark instead.
 */
const THEME_VARIABLES = {
  light:
    '--vscode-editor-foreground:#3b3b3b;--vscode-editor-background:#ffffff;--vscode-foreground:#3b3b3b;' +
    '--vscode-descriptionForeground:#717171;--vscode-editorWidget-background:#f8f8f8;' +
    '--vscode-textLink-foreground:#005fb8;--vscode-textBlockQuote-background:#f8f8f8;' +
    '--vscode-textBlockQuote-border:#e5e5e5;--vscode-textCodeBlock-background:#f8f8f8;--vscode-panel-border:#e5e5e5;' +
    '--vscode-errorForeground:#f85149;--vscode-editorWarning-foreground:#bf8803;--vscode-charts-blue:#1a85ff;' +
    '--vscode-charts-red:#e51400;--vscode-charts-green:#388a34;--vscode-charts-orange:#d18616;' +
    '--vscode-charts-purple:#652d90;--vscode-charts-yellow:#bf8803;--vscode-charts-lines:rgba(97,97,97,.5)',
  dark:
    '--vscode-editor-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-foreground:#cccccc;' +
    '--vscode-descriptionForeground:#9d9d9d;--vscode-editorWidget-background:#202020;' +
    '--vscode-textLink-foreground:#4daafc;--vscode-textBlockQuote-background:#2b2b2b;' +
    '--vscode-textBlockQuote-border:#616161;--vscode-textCodeBlock-background:#2b2b2b;--vscode-panel-border:#2b2b2b;' +
    '--vscode-errorForeground:#f85149;--vscode-editorWarning-foreground:#cca700;--vscode-charts-blue:#3794ff;' +
    '--vscode-charts-red:#f14c4c;--vscode-charts-green:#89d185;--vscode-charts-orange:#d18616;' +
    '--vscode-charts-purple:#b180d7;--vscode-charts-yellow:#cca700;--vscode-charts-lines:rgba(204,204,204,.5)',
};

/**
 * The page's own styles: the theme for light and dark (prefers-color-scheme), the highlights and notes. A function,
 * not a constant, so that a bundle importing this module only for EXPORT_CSP leaves the text out.
 */
function exportCss(): string {
  return `
:root{color-scheme:light dark;${THEME_VARIABLES.light};--vscode-font-family:system-ui,-apple-system,"Segoe UI",sans-serif;
--vscode-editor-font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;--vscode-font-size:16px;
--fg:var(--vscode-editor-foreground);--bg:var(--vscode-editor-background);--muted:var(--vscode-descriptionForeground);
--rule:#d1d9e0;--code:#f6f8fa;
--yellow:rgba(255,214,0,.45);--green:rgba(70,190,90,.35);--blue:rgba(60,140,255,.30);--pink:rgba(240,80,170,.30)}
@media (prefers-color-scheme:dark){:root{${THEME_VARIABLES.dark};--rule:#3d444d;--code:#2b2b2b;
--yellow:rgba(255,214,0,.30);--green:rgba(70,190,90,.32);--blue:rgba(80,150,255,.35);--pink:rgba(240,80,170,.35)}}
body{margin:0;padding:0;background:var(--bg);color:var(--fg);font-family:var(--vscode-font-family);line-height:1.6}
main{max-width:50rem;margin:0 auto;padding:2rem 1.25rem 4rem}
.il-subtitle{color:var(--muted);margin-top:-.5rem}
button,.il-unformatted-note{display:none}
.katex-display{overflow-x:auto;overflow-y:hidden}
mark.il-mark{color:inherit;border-radius:2px;padding:0 1px}mark.il-mark-block{display:block}
.il-yellow{--c:var(--yellow)}.il-green{--c:var(--green)}.il-blue{--c:var(--blue)}.il-pink{--c:var(--pink)}
mark.il-mark{background:var(--c)}
aside.il-note{margin:.5rem 0 1rem;padding:.5rem .75rem;border:0;border-left:4px solid var(--c);background:var(--code);font-size:.95em}
aside.il-note>:first-child{margin-top:0}aside.il-note>:last-child{margin-bottom:0}
.il-orphans{margin-top:3rem;border-top:1px solid var(--rule)}
@media print{aside.il-note{break-inside:avoid}}
`;
}

import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../text/escape';
import { termIndexOf, termsIn, type TermIndex } from './termIndex';
import { localized, type Glossary, type GlossaryLanguage } from './types';

type Token = MarkdownIt.Token;
type StateCore = MarkdownIt.StateCore;

/** How terms are marked in one render. */
export interface GlossaryMarkOptions {
  glossary: Glossary;
  language: GlossaryLanguage;
  /** 'section': first occurrence of each term per section; 'all': every occurrence; 'none': nothing marked. */
  firstOnly: 'section' | 'all' | 'none';
  /** Class of the marking element; default `il-term`. */
  className?: string;
}

/**
 * Fixed options, or a resolver called at every render (with markdown-it's env): settings and user
 * glossaries can change between renders, and a shared engine may render for different readers.
 * A resolver returning undefined turns marking off for that render.
 */
export type GlossaryPluginOptions =
  GlossaryMarkOptions | { resolve: (env: unknown) => GlossaryMarkOptions | undefined };

const OPEN = 'il_glossary_term_open';
const CLOSE = 'il_glossary_term_close';

/**
 * markdown-it plugin: wraps glossary terms of ordinary text in `<abbr class="il-term" data-term="id"
 * title="definition">`. Never inside code, math, links, images, raw HTML or headings. Output is
 * escaped and inert (attributes only, no script), so it suits VS Code's built-in preview.
 */
export function glossaryMarkdownItPlugin(md: MarkdownIt, options: GlossaryPluginOptions): void {
  const resolve = 'resolve' in options ? options.resolve : () => options;
  md.core.ruler.push('il_glossary_terms', (state: StateCore) => {
    const o = resolve(state.env);
    if (!o || o.firstOnly === 'none' || o.glossary.entries.length === 0) return;
    markTerms(state, o);
  });
  md.renderer.rules[OPEN] = (tokens, idx) => {
    const t = tokens[idx];
    const meta = t.meta as { id: string; title: string; className: string };
    return `<abbr class="${escapeHtml(meta.className)}" data-term="${escapeHtml(meta.id)}" title="${escapeHtml(meta.title)}">`;
  };
  md.renderer.rules[CLOSE] = () => '</abbr>';
}

function markTerms(state: StateCore, o: GlossaryMarkOptions): void {
  const index = termIndexOf(o.glossary);
  if (index.maxWords === 0) return;
  const seen = new Set<string>();
  let inHeading = false;
  for (const token of state.tokens) {
    if (token.type === 'heading_open') {
      inHeading = true;
      if (o.firstOnly === 'section') seen.clear();
    } else if (token.type === 'heading_close') {
      inHeading = false;
    } else if (token.type === 'inline' && !inHeading && token.children?.length) {
      token.children = markChildren(token.children, state, o, index, seen);
    }
  }
}

/** The children with terms wrapped; the same array when nothing is marked (most inline tokens). */
function markChildren(
  children: Token[],
  state: StateCore,
  o: GlossaryMarkOptions,
  index: TermIndex,
  seen: Set<string>,
): Token[] {
  // Filled from the first child that gets a term on: until then the children are kept as they are.
  let out: Token[] | undefined;
  let linkDepth = 0;
  let htmlLink = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'link_open') linkDepth++;
    else if (child.type === 'link_close') linkDepth = Math.max(0, linkDepth - 1);
    else if (child.type === 'html_inline') {
      // Raw `<a …>` … `</a>` (when the engine allows HTML): leave its text alone too.
      if (/^<a[\s>]/i.test(child.content)) htmlLink++;
      else if (/^<\/a\s*>/i.test(child.content)) htmlLink = Math.max(0, htmlLink - 1);
    }
    if (child.type !== 'text' || linkDepth > 0 || htmlLink > 0 || !child.content) {
      out?.push(child);
      continue;
    }
    const matches = termsIn(index, child.content);
    if (!matches.some((m) => o.firstOnly === 'all' || !seen.has(m.id))) {
      out?.push(child);
      continue;
    }
    out ??= children.slice(0, i);
    let at = 0;
    for (const m of matches) {
      if (o.firstOnly === 'section' && seen.has(m.id)) continue;
      seen.add(m.id);
      if (m.start > at) out.push(textToken(state, child, child.content.slice(at, m.start)));
      const entry = o.glossary.byId.get(m.id);
      const open = new state.Token(OPEN, 'abbr', 1);
      open.level = child.level;
      open.meta = { id: m.id, title: localized(entry?.definition, o.language), className: o.className ?? 'il-term' };
      out.push(open, textToken(state, child, m.text));
      const close = new state.Token(CLOSE, 'abbr', -1);
      close.level = child.level;
      out.push(close);
      at = m.end;
    }
    if (at < child.content.length) out.push(textToken(state, child, child.content.slice(at)));
  }
  return out ?? children;
}

function textToken(state: StateCore, like: Token, content: string): Token {
  const t = new state.Token('text', '', 0);
  t.content = content;
  t.level = like.level;
  return t;
}

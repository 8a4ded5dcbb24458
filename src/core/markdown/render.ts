import MarkdownIt from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import { parseFrontMatter } from '../course/frontMatter';
import { splitAeroBlocks, type AeroBlocks } from '../course/aero';
import { slugify, SlugCounter, splitExplicitId } from '../course/slug';
import { escapeHtml } from '../text/escape';
import { calloutPlugin } from './callouts';
import { glossaryMarkdownItPlugin } from '../glossary/markdownItPlugin';
import type { Glossary, GlossaryLanguage } from '../glossary/types';
import { ANY_SCHEME, SAFE_SCHEMES, isAllowedHref } from './links';
import { MAX_FORMATTED_INLINE_CHARS, MAX_TABLE_ROWS, MAX_TYPESET_MATH, MAX_TYPESET_MATH_HTML } from './limits';
import { guardedMacros, type ExpansionMeter } from './macroGuard';
import { isFigureReference, MAX_FIGURES_PER_LESSON, type FigureFile, type FigureProblem } from './figures';
import { sanitizeSvg, SvgNotAllowed } from './svgAllowlist';
import { isQuizError, parseQuizBlock } from '../quiz/parse';
import { DEFAULT_QUIZ_LABELS, quizErrorHtml, quizHtml, type QuizLabels } from '../quiz/html';
import type { QuizError, QuizType } from '../quiz/types';
import type * as Katex from 'katex';
import type { HLJSApi } from 'highlight.js';

type Token = MarkdownIt.Token;
type StateCore = MarkdownIt.StateCore;
type MdOptions = MarkdownIt.Options;

/** Where a relative link in a lesson points, as decided by the caller (who knows the course). */
export type LinkKind = 'lesson' | 'broken';

export interface RenderOptions {
  /** Glossary whose terms are marked in the text (dotted underline, definition as tooltip). */
  glossary?: Glossary;
  /** How terms are marked: language of the tooltips, first occurrence per section (default) or all. */
  glossaryMarking?: { language?: GlossaryLanguage; firstOnly?: 'section' | 'all' | 'none' };
  /** Ids of snippets that can run; other snippet blocks get a disabled button. */
  runnableSnippets?: ReadonlySet<string>;
  /** Classifies a relative link (`./02-x.md#y`); without it every relative link is a lesson link. */
  classifyLink?: (href: string) => LinkKind;
  /** Maps a relative image path to a URL the page may load; without it images show their alt text. */
  resolveImage?: (src: string) => string | undefined;
  /**
   * The figure files a lesson references (`![alt](../figures/x.svg)`), as the caller read them: looked up by the
   * reference as written. With it, every relative `.svg` image is a figure: inlined through the SVG allowlist
   * (svgAllowlist.ts) when found and allowed, else shown as its alt text with the reason. Plain data, so a worker or
   * a browser build can supply it (the extension host reads the files; see figures.ts for which it may read).
   */
  figures?: (src: string) => FigureFile | undefined;
  /** Labels shown on the page, in the reader's language. */
  labels?: Partial<RenderLabels>;
  /**
   * Stop with RenderOverBudget once the render has run this long (checked before each formula, the one part
   * whose cost is not bounded by the lesson's size). For callers on a thread that must stay responsive: the
   * reader then renders the lesson again in its worker, without a budget.
   */
  budgetMs?: number;
  /**
   * Typeset every formula, past MAX_TYPESET_MATH and MAX_TYPESET_MATH_HTML (the reader's "Typeset All Formulas",
   * in its worker). Each formula's own limits (length, macro expansion, nesting depth) still hold.
   */
  typesetAllMath?: boolean;
}

/** Thrown by renderLesson when `budgetMs` ran out; nothing was rendered. Recognise it with isRenderOverBudget. */
export class RenderOverBudget extends Error {
  constructor(readonly budgetMs: number) {
    super(`rendering took longer than ${budgetMs} ms`);
    this.name = 'RenderOverBudget';
  }
}

/** By name, not instanceof: the renderer is its own bundle (dist/renderer.js), with its own copy of the class. */
export function isRenderOverBudget(e: unknown): e is RenderOverBudget {
  return e instanceof Error && e.name === 'RenderOverBudget';
}

export interface RenderLabels {
  run: string;
  snippetUnavailable: string;
  mathError: string;
  brokenLink: string;
  externalLink: string;
  /** Shown before a paragraph too long to format: {0} its length, {1} the limit. */
  longTextUnformatted: string;
  /** Shown before the rows of a table past the limit: {0} the limit, {1} how many rows follow. */
  tableRowsUnformatted: string;
  /** BCP 47 language the numbers in labels are written in (`20,000` or `20.000`). */
  numberLocale: string;
  /** Shown after a figure's alt text when the figure cannot be shown: {0} the reason. */
  figureNotShown: string;
  /** The reasons, by FigureProblem ('notAllowed' is followed by the allowlist's own words). */
  figureProblems: Record<FigureProblem, string>;
  calloutTitles: Record<string, string>;
  /** The words of ```quiz blocks (defaults: DEFAULT_QUIZ_LABELS). */
  quiz: QuizLabels;
}

export interface RenderedLesson {
  /** Body HTML, inert: no script, no event-handler attributes, no javascript: URLs. */
  html: string;
  /** Front matter title, else the first H1. */
  title: string;
  headings: { level: number; text: string; id: string }[];
  /** 1-based lines in the file the markdown came from. */
  mathErrors: { line: number; tex: string; message: string }[];
  /** Snippet ids referenced by ```snippet blocks, in order. */
  snippets: string[];
  /** Blocks shown as written because they pass a limit: text longer than MAX_FORMATTED_INLINE_CHARS (size in
   * characters) or table rows past MAX_TABLE_ROWS (size in rows); 1-based lines in the file. */
  unformatted: { line: number; kind: 'text' | 'tableRows'; size: number }[];
  /** Formulas shown as TeX source because the lesson's math passed MAX_TYPESET_MATH (`tex`) or
   * MAX_TYPESET_MATH_HTML (`html`): how many, the first one's 1-based line, and which limit. Absent when every
   * formula was typeset (or had an error of its own). */
  untypesetMath?: { formulas: number; line: number; limit: 'tex' | 'html' };
  /** Markdown of an Aero navigation block (breadcrumb), taken out of the body. */
  navigation?: string;
  /** Lessons listed in an Aero footer table, taken out of the body. */
  footerLessons: AeroBlocks['footerLessons'];
  /** The ```quiz questions shown, in order: id, type and the 1-based line of the fence. */
  quizzes: { id: string; type: QuizType; line: number }[];
  /** ```quiz blocks shown as an error box instead (malformed, or an id used twice). */
  quizErrors: QuizError[];
}

const DEFAULT_LABELS: RenderLabels = {
  run: 'Run',
  snippetUnavailable: 'This snippet cannot run here',
  mathError: 'Math error',
  brokenLink: 'This link does not lead to a lesson in this course',
  externalLink: 'Opens in your browser',
  longTextUnformatted:
    'This text has {0} characters, more than the {1} the reader formats in one block: it is shown as written.',
  tableRowsUnformatted: 'This table has more than {0} rows: the other {1} are shown as written.',
  numberLocale: 'en',
  figureNotShown: 'Figure not shown: {0}',
  figureProblems: {
    url: 'figures are read from files next to the lessons, not from URLs',
    absolute: 'absolute paths are not read; use a path relative to the lesson',
    outside: 'the file is outside the folder of the lessons',
    badPath: 'the path has characters or parts figures may not use',
    symlink: 'the file is a symbolic link',
    missing: 'the file was not found',
    tooLarge: 'the file is too large',
    tooMany: 'the lesson has too many figures',
    notAllowed: 'the SVG is outside the allowlist',
  },
  calloutTitles: {
    note: 'Note',
    tip: 'Tip',
    warning: 'Warning',
    important: 'Important',
    caution: 'Caution',
    correction: 'Correction',
    predict: 'Predict first',
  },
  quiz: DEFAULT_QUIZ_LABELS,
};

/** KaTeX options: no trust (no \href, \url, \includegraphics, \html*), bounded expansion and sizes. */
export const KATEX_OPTIONS = {
  throwOnError: true,
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 50,
  output: 'htmlAndMathml',
} as const;

interface RenderEnv {
  options: RenderOptions;
  labels: RenderLabels;
  bodyLine: number;
  headings: RenderedLesson['headings'];
  mathErrors: RenderedLesson['mathErrors'];
  unformatted: RenderedLesson['unformatted'];
  snippets: string[];
  /** Per-document macros: `\gdef` in one lesson must not leak into the next. Guarded (see macroGuard.ts). */
  macros: NonNullable<Katex.KatexOptions['macros']>;
  /** Tokens the current formula's macros expanded to (reset before each formula). */
  expansion: ExpansionMeter;
  /** Math typeset so far: characters of TeX plus tokens from macro expansion (see MAX_TYPESET_MATH). */
  mathWork: number;
  /** Characters of KaTeX HTML made so far (see MAX_TYPESET_MATH_HTML). */
  mathHtml: number;
  untypesetMath?: RenderedLesson['untypesetMath'];
  /** performance.now() past which the render stops (options.budgetMs). */
  deadline?: number;
  /** Formulas met so far (see MAX_FORMULAS). */
  formulas: number;
  /** Escaped attributes added to links of each kind (see linkAttrs), built on first use. */
  linkAttrHtml: Partial<Record<LinkDecoration, string>>;
  /** KaTeX HTML of formulas rendered while no macro was defined, by display mode and TeX (see renderMath). */
  mathCache: Map<string, string>;
  /** Figures inlined so far, by reference (see MAX_FIGURES_PER_LESSON). */
  figureHtml: Map<string, string>;
  quizzes: RenderedLesson['quizzes'];
  quizErrors: QuizError[];
  /** While a quiz's own markdown renders: no heading ids, no quiz inside a quiz. */
  inQuiz?: boolean;
}

let engine: MarkdownIt | undefined;
let katex: typeof Katex;
let highlighter: HLJSApi | undefined;

/** highlight.js core with the languages lessons use; escaped output (spans with classes only). */
function highlight(code: string, lang: string): string {
  if (!lang) return '';
  if (!highlighter) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    highlighter = require('highlight.js/lib/core') as HLJSApi;
    highlighter.registerLanguage('python', require('highlight.js/lib/languages/python'));
    highlighter.registerLanguage('javascript', require('highlight.js/lib/languages/javascript'));
    highlighter.registerLanguage('typescript', require('highlight.js/lib/languages/typescript'));
    highlighter.registerLanguage('json', require('highlight.js/lib/languages/json'));
    highlighter.registerLanguage('bash', require('highlight.js/lib/languages/bash'));
    highlighter.registerLanguage('yaml', require('highlight.js/lib/languages/yaml'));
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  if (!highlighter.getLanguage(lang) || code.length > 200_000) return '';
  try {
    return highlighter.highlight(code, { language: lang, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
}

function createEngine(): MarkdownIt {
  // Required here, not imported: the plugin requires katex's CommonJS build (an ESM import would bundle a
  // second copy), and nothing loads KaTeX before the first render.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  katex = require('katex') as typeof Katex;
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true, highlight });
  // Bounded nesting: deeply nested lists/quotes otherwise cost time and stack.
  md.set({ maxNesting: 50 } as MdOptions);
  md.validateLink = isAllowedHref;
  md.use(katexPlugin, { katex, ...KATEX_OPTIONS });
  md.use(calloutPlugin);
  md.use(glossaryMarkdownItPlugin, {
    resolve: (env: unknown) => {
      const o = (env as RenderEnv | undefined)?.options;
      return o?.glossary
        ? {
            glossary: o.glossary,
            language: o.glossaryMarking?.language ?? 'en',
            firstOnly: o.glossaryMarking?.firstOnly ?? 'section',
          }
        : undefined;
    },
  });
  md.core.ruler.before('inline', 'il_heading_ids', takeExplicitIds);
  md.core.ruler.before('inline', 'il_long_inline', skipLongInline);
  // markdown-it's own table rule, wrapped (the usual plugin idiom: Ruler keeps its rules in __rules__).
  const table = (md.block.ruler as unknown as { __rules__: { name: string; fn: BlockRule }[] }).__rules__.find(
    (r) => r.name === 'table',
  )?.fn;
  if (!table) throw new Error('markdown-it has no table rule to wrap');
  md.block.ruler.at(
    'table',
    (state, startLine, endLine, silent) => cappedTable(table, state, startLine, endLine, silent),
    { alt: ['paragraph', 'reference'] },
  );
  md.core.ruler.after('inline', 'il_inline_lines', numberInlineLines);
  md.core.ruler.after('il_inline_lines', 'il_headings', collectHeadings);

  const rules = md.renderer.rules;
  rules.text = (tokens, idx) => escapeText(tokens[idx].content);
  rules.il_unformatted = (tokens, idx, _o, env: RenderEnv) => unformattedHtml(tokens[idx], env);
  for (const type of ['math_inline', 'math_inline_block', 'math_inline_bare_block', 'math_block']) {
    const block = type !== 'math_inline';
    rules[type] = (tokens, idx, _o, env: RenderEnv) => renderMath(tokens[idx], block, env);
  }
  const fence = rules.fence!;
  rules.fence = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const info = token.info.trim().split(/\s+/)[0]?.toLowerCase();
    if (info === 'snippet') return renderSnippet(token, env);
    if (info === 'quiz' && !env.inQuiz) return renderQuiz(token, env);
    return fence(tokens, idx, options, env, self);
  };
  const linkOpen = rules.link_open ?? ((t, i, o, _e, s) => s.renderToken(t, i, o));
  rules.link_open = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const attrs = token.attrs;
    // The usual link ([text](href) or a linkified URL, no title): the tag markdown-it would write, in one
    // string (a hostile page has 20,000 links; attribute arrays per link showed up as garbage collection).
    if (attrs?.length === 1 && attrs[0][0] === 'href' && !token.hidden) {
      const href = attrs[0][1];
      const kind = linkKind(href, env);
      return `<a href="${escapeText(href)}"${(env.linkAttrHtml[kind] ??= linkAttrs(kind, env)
        .map(([k, v]) => ` ${k}="${escapeText(v)}"`)
        .join(''))}>`;
    }
    decorateLink(token, env);
    return linkOpen(tokens, idx, options, env, self);
  };
  rules.image = (tokens, idx, options: MdOptions, env: RenderEnv, self) => {
    const token = tokens[idx];
    const src = token.attrGet('src') ?? '';
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    if (env.options.figures && !ANY_SCHEME.test(src) && isFigureReference(src)) return renderFigure(src, alt, env);
    const url = !ANY_SCHEME.test(src) ? env.options.resolveImage?.(src) : undefined;
    if (!url) return `<span class="il-image-missing" title="${escapeHtml(src)}">${escapeHtml(alt)}</span>`;
    return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}" loading="lazy">`;
  };
  return md;
}

/** markdown-it's escape for text (the same four characters: & < > "), with native replacements, not a callback per character. */
function escapeText(s: string): string {
  if (s.length > ESCAPE_CHUNK) {
    // In 64 K pieces: V8's global replace slows down more than linearly on strings of megabytes.
    const parts: string[] = [];
    for (let i = 0; i < s.length; i += ESCAPE_CHUNK) parts.push(escapeText(s.slice(i, i + ESCAPE_CHUNK)));
    return parts.join('');
  }
  return /[&<>"]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : s;
}
const ESCAPE_CHUNK = 64 * 1024;

function markdownEngine(): MarkdownIt {
  return (engine ??= createEngine());
}

/** Renders one lesson (front matter allowed) to inert HTML with KaTeX math, heading ids and callouts. */
export function renderLesson(markdown: string, options: RenderOptions = {}): RenderedLesson {
  const fm = parseFrontMatter(markdown);
  const expansion: ExpansionMeter = { tokens: 0 };
  const env: RenderEnv = {
    options,
    deadline: options.budgetMs === undefined ? undefined : performance.now() + options.budgetMs,
    labels: {
      ...DEFAULT_LABELS,
      ...options.labels,
      calloutTitles: { ...DEFAULT_LABELS.calloutTitles, ...options.labels?.calloutTitles },
      figureProblems: { ...DEFAULT_LABELS.figureProblems, ...options.labels?.figureProblems },
      quiz: { ...DEFAULT_LABELS.quiz, ...options.labels?.quiz },
    },
    bodyLine: fm.bodyLine,
    headings: [],
    mathErrors: [],
    unformatted: [],
    snippets: [],
    macros: guardedMacros(expansion, MAX_MACRO_TOKENS),
    expansion,
    mathWork: 0,
    mathHtml: 0,
    formulas: 0,
    mathCache: new Map(),
    figureHtml: new Map(),
    linkAttrHtml: {},
    quizzes: [],
    quizErrors: [],
  };
  const aero = splitAeroBlocks(fm.body);
  // `$$ x $$` followed by trailing spaces is not seen as closed by the math plugin, and an unclosed
  // `$$` swallows the rest of the document; trailing blanks after `$$` mean nothing, so drop them.
  const body = aero.body.replace(/\$\$[ \t]+(?=\r?\n|$)/g, () => '$$');
  const html = markdownEngine().render(body, env);
  const h1 = env.headings.find((h) => h.level === 1);
  return {
    html,
    title: fm.meta.title ?? h1?.text ?? '',
    headings: env.headings,
    mathErrors: env.mathErrors,
    snippets: env.snippets,
    unformatted: env.unformatted,
    untypesetMath: env.untypesetMath,
    navigation: aero.navigation,
    footerLessons: aero.footerLessons,
    quizzes: env.quizzes,
    quizErrors: env.quizErrors,
  };
}

// ---- figures ----

/**
 * A figure inlined through the SVG allowlist, labelled with its alt text; or its alt text and why it is not shown.
 * Looked up by the reference as markdown-it decoded it (`%C3%AC` back to `ì`), the form the extension host saw.
 */
function renderFigure(src: string, alt: string, env: RenderEnv): string {
  const key = markdownEngine().normalizeLinkText(src);
  const cached = env.figureHtml.get(key);
  if (cached !== undefined) return cached;
  const labels = env.labels;
  let problem: string;
  const file =
    env.figureHtml.size < MAX_FIGURES_PER_LESSON ? env.options.figures?.(key) : { problem: 'tooMany' as const };
  if (!file) problem = labels.figureProblems.missing;
  else if ('problem' in file) problem = labels.figureProblems[file.problem] ?? labels.figureProblems.missing;
  else {
    // Like a formula, a figure's cost is not bounded by the lesson's size: the budget is checked before each.
    if (env.deadline !== undefined && performance.now() > env.deadline)
      throw new RenderOverBudget(env.options.budgetMs!);
    try {
      const svg = sanitizeSvg(file.svg, { rootAttributes: { class: 'il-figure-svg', role: 'img', 'aria-label': alt } });
      const html = `<span class="il-figure">${svg}</span>`;
      env.figureHtml.set(key, html);
      return html;
    } catch (e) {
      if (!(e instanceof SvgNotAllowed)) throw e;
      problem = `${labels.figureProblems.notAllowed} (${e.message})`;
    }
  }
  return `<span class="il-figure il-figure-error" role="img" aria-label="${escapeHtml(alt)}" title="${escapeHtml(src)}"><span class="il-figure-alt">${escapeHtml(alt)}</span> <span class="il-figure-problem">${escapeHtml(labels.figureNotShown.replace('{0}', problem))}</span></span>`;
}

// ---- limits on degenerate blocks ----

function skipLongInline(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'inline' && t.content.length > MAX_FORMATTED_INLINE_CHARS) {
      t.type = 'il_unformatted';
      t.children = null;
      const env = state.env as RenderEnv | undefined;
      env?.unformatted?.push({ line: (t.map?.[0] ?? 0) + env.bodyLine + 1, kind: 'text', size: t.content.length });
    }
  }
}

type BlockRule = (state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/** markdown-it's table rule on at most MAX_TABLE_ROWS body rows; the rows after them become one unformatted block. */
function cappedTable(
  table: BlockRule,
  state: MarkdownIt.StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const capped = Math.min(endLine, startLine + 2 + MAX_TABLE_ROWS);
  if (!table(state, startLine, capped, silent)) return false;
  if (silent || state.line !== capped || capped === endLine) return true;
  // The table stopped at the cap: take the rest of its rows as they are, up to where markdown-it's table rule
  // would have stopped (a blank or less indented line, or one that starts another block).
  const terminators = state.md.block.ruler.getRules('blockquote');
  let next = state.line;
  while (
    next < endLine &&
    !state.isEmpty(next) &&
    state.sCount[next] >= state.blkIndent &&
    !terminators.some((t) => t(state, next, endLine, true))
  )
    next++;
  if (next === state.line) return true;
  const token = state.push('il_unformatted', '', 0);
  token.block = true;
  token.map = [state.line, next];
  token.content = state.getLines(state.line, next, state.blkIndent, false);
  token.meta = { tableRows: next - state.line };
  const env = state.env as RenderEnv | undefined;
  env?.unformatted?.push({ line: state.line + env.bodyLine + 1, kind: 'tableRows', size: next - state.line });
  state.line = next;
  return true;
}

function formatNumber(v: number, locale: string): string {
  try {
    return v.toLocaleString(locale);
  } catch {
    return v.toLocaleString('en');
  }
}

function unformattedHtml(token: Token, env: RenderEnv): string {
  const rows = (token.meta as { tableRows?: number } | null)?.tableRows;
  const n = (v: number) => formatNumber(v, env.labels.numberLocale);
  const note =
    rows !== undefined
      ? env.labels.tableRowsUnformatted.replace('{0}', n(MAX_TABLE_ROWS)).replace('{1}', n(rows))
      : env.labels.longTextUnformatted
          .replace('{0}', n(token.content.length))
          .replace('{1}', n(MAX_FORMATTED_INLINE_CHARS));
  const noteHtml = `<span class="il-unformatted-note" role="note">${escapeHtml(note)}</span>`;
  return rows !== undefined
    ? `<div class="il-unformatted il-unformatted-block">${noteHtml}<pre>${escapeText(token.content)}</pre></div>\n`
    : `${noteHtml} <span class="il-unformatted">${withBreaks(token.content)}</span>`;
}

/**
 * Escaped text with a `<wbr>` after every WORD_BREAK_EVERY characters of a run without spaces: Chromium's line
 * breaking of one long non-ASCII word is slower than linear. Markdown-it has already replaced any NUL in the text,
 * so NUL can mark the break points before escaping.
 */
function withBreaks(text: string): string {
  const marked = text.replace(WORD_RUN, '$&\0');
  return marked.length === text.length ? escapeText(text) : escapeText(marked).replace(/\0/g, '<wbr>');
}
const WORD_BREAK_EVERY = 100;
const WORD_RUN = new RegExp(`\\S{${WORD_BREAK_EVERY}}(?=\\S)`, 'gu');

// ---- core rules ----

/** `## Title {#id}`: remove the marker from the text before inline parsing, keep the id for later. */
function takeExplicitIds(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const { text, id } = splitExplicitId(inline.content);
    if (id) {
      inline.content = text;
      tokens[i].meta = { ...(tokens[i].meta ?? {}), explicitId: id };
    }
  }
}

/** Gives inline math tokens the source line they sit on (markdown-it maps only blocks). */
function numberInlineLines(state: StateCore): void {
  // Indexed loops and a first-letter test: this visits every inline token of the document (80,000 on a
  // hostile page of links), mostly once, before the JIT has optimised it.
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const children = token.children;
    if (token.type !== 'inline' || !token.map || !children) continue;
    let line = token.map[0];
    for (let k = 0; k < children.length; k++) {
      const child = children[k];
      const type = child.type;
      if (type === 'softbreak' || type === 'hardbreak') line++;
      else if (type.charCodeAt(0) === 0x6d && type.startsWith('math_')) child.map = [line, line + 1];
    }
  }
}

function collectHeadings(state: StateCore): void {
  const env = state.env as RenderEnv;
  if (!env?.headings || env.inQuiz) return;
  const slugs = new SlugCounter();
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length - 1; i++) {
    const open = tokens[i];
    if (open.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    // A heading too long to format (il_unformatted) has no children: its text is what was written.
    const text = (inline.children ? inlineText(inline.children) : inline.content).trim();
    const id = slugs.unique((open.meta?.explicitId as string | undefined) ?? slugify(text));
    open.attrSet('id', id);
    env.headings.push({ level: Number(open.tag.slice(1)), text, id });
  }
}

function inlineText(children: Token[]): string {
  let s = '';
  for (const c of children) {
    if (c.type === 'text' || c.type === 'text_special' || c.type === 'code_inline' || c.type.startsWith('math_'))
      s += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') s += ' ';
    else if (c.type === 'image') s += inlineText(c.children ?? []);
  }
  return s;
}

// ---- renderers ----
// The measurements behind these limits: docs/performance.md.

/** Longer formulas are shown as source with an error: KaTeX's time grows faster than the length. */
const MAX_FORMULA_LENGTH = 2000;
/** Past this many formulas in a lesson, the rest are shown as TeX source: many small formulas add up too. */
const MAX_FORMULAS = 2000;
/**
 * Tokens one formula's macros may expand to (see macroGuard.ts): about what the longest formula allowed has
 * itself, so a formula with macros costs KaTeX at most about twice what one without can.
 */
const MAX_MACRO_TOKENS = 2000;

/**
 * Elements nested in one formula's HTML, at most: the webview's layout of nested boxes (`\boxed`, `\colorbox` …)
 * grows faster than their size. 150 is about 17 nested boxes; our deepest formula has 26 elements.
 */
const MAX_FORMULA_DEPTH = 150;

/** How deeply elements nest in HTML that KaTeX made (its tags are balanced; `/>` closes its SVG paths and lines). */
export function htmlDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    if (html.charCodeAt(i + 1) === 47 /* / */) {
      depth--;
      continue;
    }
    const end = html.indexOf('>', i);
    if (end < 0) break;
    if (html.charCodeAt(end - 1) !== 47) {
      depth++;
      if (depth > max) max = depth;
    }
    i = end;
  }
  return max;
}

function renderMath(token: Token, block: boolean, env: RenderEnv): string {
  const tex = token.content;
  const displayMode = block || /\\begin\{(align|equation|gather|cd|alignat)\}/i.test(tex);
  if (env.deadline !== undefined && performance.now() > env.deadline) throw new RenderOverBudget(env.options.budgetMs!);
  if (++env.formulas > MAX_FORMULAS + 1)
    return `<code class="il-math-source">${escapeHtml(tex)}</code>${block ? '\n' : ''}`;
  const line = (token.map?.[0] ?? 0) + env.bodyLine + 1;
  try {
    if (env.formulas > MAX_FORMULAS)
      throw new Error(
        `more than ${MAX_FORMULAS} formulas in one lesson: this one and the rest are shown as TeX source`,
      );
    if (tex.length > MAX_FORMULA_LENGTH)
      throw new Error(`formula longer than ${MAX_FORMULA_LENGTH} characters (is a closing $ or $$ missing?)`);
    const html = katexHtml(tex, displayMode, env);
    if (html === undefined) {
      // Past the lesson's math budget: the TeX as written, and one note for the lesson (untypesetMath).
      if (env.untypesetMath) env.untypesetMath.formulas++;
      else env.untypesetMath = { formulas: 1, line, limit: env.mathHtml >= MAX_TYPESET_MATH_HTML ? 'html' : 'tex' };
      return block
        ? `<div class="il-math-untypeset il-math-untypeset-block"><code>${escapeHtml(tex)}</code></div>\n`
        : `<code class="il-math-untypeset">${escapeHtml(tex)}</code>`;
    }
    return block ? `<div class="katex-block">${html}</div>\n` : html;
  } catch (e) {
    const message = (e instanceof Error ? e.message.replace(/^KaTeX parse error: /, '') : String(e)).replace(
      /\u0332/g,
      '',
    );
    env.mathErrors.push({ line, tex, message });
    const tag = block ? 'div' : 'span';
    return (
      `<${tag} class="il-math-error${block ? ' il-math-error-block' : ''}" role="note">` +
      `<span class="il-math-error-label">${escapeHtml(env.labels.mathError)}</span> ` +
      `<code class="il-math-error-tex">${escapeHtml(tex)}</code> ` +
      `<span class="il-math-error-message">${escapeHtml(message)}</span></${tag}>${block ? '\n' : ''}`
    );
  }
}

/**
 * KaTeX's HTML for one formula, or undefined when typesetting it would pass the lesson's math budget
 * (MAX_TYPESET_MATH and MAX_TYPESET_MATH_HTML, unless `typesetAllMath`) or an earlier formula already did. A formula met again in the same lesson ($x$, $W_U$ …; a hostile
 * page of 20,000 `$y$`) is not typeset again, and costs nothing: while the lesson has defined no macro, the
 * output depends only on the TeX and the display mode. Formulas that throw are not cached (each error is
 * reported with its own line) but count towards the budget.
 */
function katexHtml(tex: string, displayMode: boolean, env: RenderEnv): string | undefined {
  const cacheable = noMacros(env.macros);
  const key = (displayMode ? 'D' : 'I') + tex;
  if (cacheable) {
    const hit = env.mathCache.get(key);
    if (hit !== undefined) return hit;
  }
  // From the first formula that does not fit on, none is typeset (a later short one would fit, but the page
  // then reads more simply: typeset up to one place, TeX as written after it).
  if (
    !env.options.typesetAllMath &&
    (env.untypesetMath || env.mathWork + tex.length > MAX_TYPESET_MATH || env.mathHtml >= MAX_TYPESET_MATH_HTML)
  )
    return undefined;
  env.expansion.tokens = 0;
  let html: string;
  try {
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode, macros: env.macros });
  } finally {
    env.mathWork += tex.length + env.expansion.tokens;
  }
  env.mathHtml += html.length;
  const depth = htmlDepth(html);
  if (depth > MAX_FORMULA_DEPTH)
    throw new Error(
      `formula nested too deeply: ${depth} levels of HTML, more than ${MAX_FORMULA_DEPTH} (boxes inside boxes are slow for the page to lay out)`,
    );
  // Still none after it: the formula defined nothing (\gdef, \global) that a later one could see.
  if (cacheable && noMacros(env.macros)) env.mathCache.set(key, html);
  return html;
}

function noMacros(macros: object): boolean {
  for (const _ in macros) return false;
  return true;
}

function renderSnippet(token: Token, env: RenderEnv): string {
  const id = token.content.trim().split(/\s+/)[0] ?? '';
  env.snippets.push(id);
  const runnable = env.options.runnableSnippets?.has(id) ?? false;
  const title = runnable ? env.labels.run : env.labels.snippetUnavailable;
  return (
    `<div class="il-snippet" data-snippet-id="${escapeHtml(id)}">` +
    `<button type="button" class="il-run" data-snippet-id="${escapeHtml(id)}"${runnable ? '' : ' disabled'} title="${escapeHtml(title)}">` +
    `<span class="il-run-icon" aria-hidden="true">▶</span> ${escapeHtml(env.labels.run)}</button>` +
    `<code class="il-snippet-id">${escapeHtml(id)}</code></div>\n`
  );
}

/**
 * A ```quiz block (YAML, see src/core/quiz): the question as static HTML, or an error box with the line and reason.
 * Its markdown renders with this engine and this lesson's env (math budget, macros, links), without heading ids.
 */
function renderQuiz(token: Token, env: RenderEnv): string {
  const line = (token.map?.[0] ?? 0) + env.bodyLine + 1;
  const labels = env.labels.quiz;
  const parsed = parseQuizBlock(token.content, line);
  const earlier = isQuizError(parsed) ? undefined : env.quizzes.find((q) => q.id === parsed.id);
  const error = isQuizError(parsed)
    ? parsed
    : earlier
      ? { line, reason: `the id '${parsed.id}' is already used on line ${earlier.line}` }
      : env.headings.some((h) => h.id.startsWith(`il-quiz-${parsed.id}-`))
        ? { line, reason: `a heading id starts with il-quiz-${parsed.id}-, which the question's elements use` }
        : undefined;
  if (error) {
    env.quizErrors.push(error);
    return quizErrorHtml(error, labels);
  }
  const quiz = parsed as Exclude<typeof parsed, QuizError>;
  env.quizzes.push({ id: quiz.id, type: quiz.type, line });
  const md = markdownEngine();
  const saved = { bodyLine: env.bodyLine, snippets: env.snippets };
  env.inQuiz = true;
  env.bodyLine = line;
  env.snippets = [];
  try {
    return quizHtml(quiz, {
      labels,
      block: (s) => md.render(s, env),
      inline: (s) => md.renderInline(s, env),
      sectionTitle: (id) => env.headings.find((h) => h.id === id && h.level > 1)?.text,
      numberLocale: env.labels.numberLocale,
    });
  } finally {
    env.inQuiz = false;
    env.bodyLine = saved.bodyLine;
    env.snippets = saved.snippets;
  }
}

type LinkDecoration = 'anchor' | 'external' | 'broken' | 'lesson';

function linkKind(href: string, env: RenderEnv): LinkDecoration {
  if (href.startsWith('#')) return 'anchor';
  if (SAFE_SCHEMES.test(href)) return 'external';
  return env.options.classifyLink?.(href) === 'broken' ? 'broken' : 'lesson';
}

/** Attributes a link of this kind gets, in order, after its own (href, title). */
function linkAttrs(kind: LinkDecoration, env: RenderEnv): [string, string][] {
  switch (kind) {
    case 'anchor':
      return [['data-il-link', 'anchor']];
    case 'external':
      return [
        ['data-il-link', 'external'],
        ['title', env.labels.externalLink],
        ['rel', 'noopener noreferrer'],
      ];
    case 'broken':
      return [
        ['data-il-link', 'broken'],
        ['class', 'il-link-broken'],
        ['title', env.labels.brokenLink],
      ];
    default:
      return [['data-il-link', 'lesson']];
  }
}

function decorateLink(token: Token, env: RenderEnv): void {
  for (const [name, value] of linkAttrs(linkKind(token.attrGet('href') ?? '', env), env)) token.attrSet(name, value);
}

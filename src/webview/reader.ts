// Runs inside the reader webview (bundled to media/reader.js). It only displays what the extension
// sends and reports user actions back; it never builds HTML from page input.
import { safeDecodeURIComponent } from '../core/text/decode';
import { PageAnnotations } from './annotations/controller';
import { PageQuizzes } from './quiz/controller';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

interface ShowMessage {
  type: 'show';
  lessonId: string;
  html: string;
  title: string;
  /** The lesson's language, kept in the page state so a reload restores the same one. */
  language?: string;
  scroll?: { section?: string; ratio?: number };
}
interface PageState {
  lessonId?: string;
  ratio?: number;
  language?: string;
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const config = JSON.parse(document.body.dataset.config ?? '{}') as { fontSize?: number; language?: string };
let state: PageState = (vscode.getState() as PageState) ?? {};
let currentLesson: string | undefined;
let endObserver: IntersectionObserver | undefined;
// Anything the CSP refused since the page loaded (an inline handler, a remote image): lesson HTML is inert, so
// this stays 0; it travels with every 'rendered' report so tests and logs see an attempt the CSP stopped.
let cspViolations = 0;
let cspViolation: string | undefined;
document.addEventListener('securitypolicyviolation', (e) => {
  cspViolations++;
  cspViolation ??= `${e.violatedDirective} ${e.blockedURI} ${e.sample}`.slice(0, 300);
});

applyFontSize(config.fontSize);
const annotations = new PageAnnotations({ post: (m) => vscode.postMessage(m), applyStyles });
const quizzes = new PageQuizzes((m) => vscode.postMessage(m));

function applyFontSize(size: number | undefined): void {
  if (typeof size === 'number' && size >= 8 && size <= 40)
    document.documentElement.style.setProperty('--il-font-size', `${size}px`);
  else document.documentElement.style.removeProperty('--il-font-size');
}

/** Style attributes arrive as data-il-style (the CSP refuses inline styles); apply them via the CSSOM. */
function applyStyles(scope: HTMLElement): void {
  scope.querySelectorAll<HTMLElement>('[data-il-style]').forEach((el) => {
    el.style.cssText = el.dataset.ilStyle ?? '';
  });
}

function headings(): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('article h1[id], article h2[id], article h3[id]'));
}

function visibleHeading(): string | undefined {
  let last: string | undefined;
  for (const h of headings()) {
    if (h.getBoundingClientRect().top <= 24) last = h.id;
    else break;
  }
  return last ?? headings()[0]?.id;
}

function scrollRatio(): number {
  const max = document.documentElement.scrollHeight - window.innerHeight;
  return max > 0 ? Math.min(1, Math.max(0, window.scrollY / max)) : 0;
}

function scrollToSection(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  el.scrollIntoView({ block: 'start' });
  return true;
}

function nextFrame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => r()));
}

/** Lesson HTML longer than this (about 15 times a shipped lesson's) is laid out lazily. */
const LONG_HTML = 1_000_000;

/** Counts shows: a show that awaits (a frame, the fonts) and finds a newer one has started stops there. */
let showCount = 0;

async function show(m: ShowMessage): Promise<void> {
  const started = performance.now();
  const mine = ++showCount;
  endObserver?.disconnect();
  endObserver = undefined;
  // A very long lesson: the browser lays out and paints only what is near the screen (content-visibility).
  root.classList.toggle('il-long', m.html.length > LONG_HTML);
  annotations.reset();
  quizzes.reset();
  root.innerHTML = m.html;
  applyStyles(root);
  annotations.shown(m.lessonId, root);
  quizzes.shown(m.lessonId, root);
  document.title = m.title;
  currentLesson = m.lessonId;
  void root.offsetHeight; // layout now, so the fonts the math needs start loading
  if (m.scroll?.section) scrollToSection(m.scroll.section);
  else if (typeof m.scroll?.ratio === 'number') {
    const max = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, Math.round(m.scroll.ratio * Math.max(0, max)));
  } else window.scrollTo(0, 0);
  const layoutMs = performance.now() - started; // HTML set, styles applied, laid out and scrolled
  await nextFrame();
  await document.fonts.ready;
  // Superseded: the page now holds another lesson, which reports itself (and watches its own end).
  if (mine !== showCount) return;
  const katexCount = root.querySelectorAll('.katex').length;
  const katexFonts = Array.from(document.fonts).filter(
    (f) => f.family.replace(/["']/g, '').startsWith('KaTeX') && f.status === 'loaded',
  ).length;
  state = {
    ...state,
    lessonId: m.lessonId,
    language: m.language === 'vi' || m.language === 'en' ? m.language : undefined,
    ratio: scrollRatio(),
  };
  vscode.setState(state);
  vscode.postMessage({
    type: 'rendered',
    lessonId: m.lessonId,
    katexCount,
    katexFonts,
    fontsLoaded: katexCount === 0 || katexFonts > 0,
    visibleHeading: visibleHeading(),
    ms: performance.now() - started,
    layoutMs,
    themeKind: document.body.dataset.vscodeThemeKind,
    cspViolations,
    cspViolation,
  });
  const end = document.getElementById('il-end');
  if (end) {
    endObserver = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && currentLesson)
        vscode.postMessage({ type: 'reachedEnd', lessonId: currentLesson });
    });
    endObserver.observe(end);
  }
}

/** A big article arrives in parts ('showPart' messages, then a 'show' with the last part and the same stream). */
interface PartMessage {
  stream: number;
  index: number;
  html: string;
}
let parts: { stream: number; html: string[] } | undefined;

function takePart(m: PartMessage): void {
  if (typeof m.stream !== 'number' || typeof m.index !== 'number' || typeof m.html !== 'string') return;
  if (m.index === 0) parts = { stream: m.stream, html: [] };
  // A part out of order or from an older stream: that stream is incomplete and is dropped.
  if (!parts || parts.stream !== m.stream || parts.html.length !== m.index) parts = undefined;
  else parts.html.push(m.html);
}

/** The whole 'show' message, or undefined when its earlier parts did not all arrive. */
function wholeShow(m: ShowMessage & Partial<PartMessage>): ShowMessage | undefined {
  if (typeof m.stream !== 'number') return m;
  const got = parts;
  parts = undefined;
  if (!got || got.stream !== m.stream || got.html.length !== m.index) return undefined;
  return { ...m, html: got.html.join('') + m.html };
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as { type?: string };
  if (!m || typeof m !== 'object') return;
  if (m.type === 'showPart') takePart(m as PartMessage);
  else if (m.type === 'show' && typeof (m as ShowMessage).html === 'string') {
    const whole = wholeShow(m as ShowMessage & Partial<PartMessage>);
    if (whole) void show(whole);
  } else if (m.type === 'scrollTo' && typeof (m as { section?: unknown }).section === 'string') {
    scrollToSection((m as { section: string }).section);
    reportScroll();
  } else if (m.type === 'config') applyFontSize((m as { fontSize?: number }).fontSize);
  else if (!quizzes.handle(m as Record<string, unknown>)) annotations.handle(m as Record<string, unknown>);
});

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement | null;
  if (!target) return;
  const run = target.closest<HTMLButtonElement>('button.il-run');
  if (run) {
    event.preventDefault();
    if (!run.disabled && run.dataset.snippetId) vscode.postMessage({ type: 'runSnippet', id: run.dataset.snippetId });
    return;
  }
  const action = target.closest<HTMLElement>('[data-il-action]');
  if (action) {
    event.preventDefault();
    vscode.postMessage({ type: 'action', action: action.dataset.ilAction });
    return;
  }
  const open = target.closest<HTMLElement>('[data-il-open]');
  if (open) {
    event.preventDefault();
    vscode.postMessage({ type: 'open', lessonId: open.dataset.ilOpen });
    return;
  }
  const term = target.closest<HTMLElement>('[data-term]');
  if (term) {
    event.preventDefault();
    vscode.postMessage({ type: 'term', id: term.dataset.term });
    return;
  }
  const a = target.closest<HTMLAnchorElement>('a[href]');
  if (!a) return;
  event.preventDefault();
  const href = a.getAttribute('href') ?? '';
  const kind = a.dataset.ilLink;
  if (kind === 'anchor') {
    // A malformed escape (a crafted href) is looked up as written instead of throwing URIError.
    if (scrollToSection(safeDecodeURIComponent(href.slice(1)) ?? href.slice(1))) reportScroll();
  } else if (kind === 'lesson' || kind === 'external') {
    vscode.postMessage({ type: 'link', href });
  }
});

let scrollTimer: number | undefined;
function reportScroll(): void {
  if (!currentLesson) return;
  state = { ...state, lessonId: currentLesson, ratio: scrollRatio() };
  vscode.setState(state);
  vscode.postMessage({ type: 'scroll', lessonId: currentLesson, ratio: state.ratio, heading: visibleHeading() });
}
window.addEventListener(
  'scroll',
  () => {
    if (scrollTimer !== undefined) return;
    scrollTimer = window.setTimeout(() => {
      scrollTimer = undefined;
      reportScroll();
    }, 150);
  },
  { passive: true },
);

vscode.postMessage({ type: 'ready' });

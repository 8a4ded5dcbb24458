import * as vscode from 'vscode';
import {
  parseReaderMessage,
  type AnnotationPageMessage,
  type QuizPageMessage,
  type ReaderMessage,
} from '../../core/activation';
import { Commands } from '../../constants';
import type { LessonLanguage, Log } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { runPageAction, runSnippet, showTerm } from '../shared/internalCommands';
import type { ReaderPanel } from './readerPanel';

export interface ReaderEvents {
  /** The page's own report after it displayed a lesson (tests and timing use it). */
  rendered: Extract<ReaderMessage, { type: 'rendered' }> & {
    language: LessonLanguage;
    openedAt: number;
    phases?: { course?: number; html?: number; pageReady?: number };
  };
  scrolled: Extract<ReaderMessage, { type: 'scroll' }>;
  /** A lesson that could not be rendered (too slow, or the renderer failed); the page shows the message. */
  failed: { lessonId: string; reason: 'timeout' | 'error'; message: string };
}

/** The reader's events, the page's last report, and when the show in progress started and reached each phase. */
export class ReaderEventHub implements vscode.Disposable {
  readonly rendered = new vscode.EventEmitter<ReaderEvents['rendered']>();
  readonly pageReport = new vscode.EventEmitter<{ lessonId: string; cspViolations: number }>();
  readonly scrolled = new vscode.EventEmitter<ReaderEvents['scrolled']>();
  readonly currentChanged = new vscode.EventEmitter<{ lessonId: string; section?: string } | undefined>();
  readonly failed = new vscode.EventEmitter<ReaderEvents['failed']>();
  /** The page's last report (for tests that start listening after a restore already rendered). */
  lastRendered: ReaderEvents['rendered'] | undefined;
  openedAt = 0;
  /** Milliseconds after openedAt at which the course was loaded, the HTML was ready, and the page was ready. */
  phases: { course?: number; html?: number; pageReady?: number } = {};

  startShow(): void {
    this.openedAt = Date.now();
    this.phases = {};
  }

  /** Records a phase once per show. */
  phase(name: 'course' | 'html' | 'pageReady'): void {
    this.phases[name] ??= Date.now() - this.openedAt;
  }

  dispose(): void {
    for (const e of [this.rendered, this.pageReport, this.scrolled, this.currentChanged, this.failed]) e.dispose();
  }
}

/** What the page's messages act on: the reader gives these to routePageMessage. */
export interface PageContext {
  log: Log;
  panel: ReaderPanel;
  events: ReaderEventHub;
  current(): { lessonId: string; language: LessonLanguage } | undefined;
  /** The lesson (or notice) the page should be showing: reports about another page are not counted. */
  shownLessonId(): string | undefined;
  /** The language of what is shown. */
  language(): LessonLanguage;
  /** The page (re)loaded with nothing waiting: show the current lesson again. */
  showAgain(): void;
  scrolled(lessonId: string, ratio: number): void;
  markRead(lessonId: string): Promise<unknown>;
  open(lessonId: string): Promise<unknown>;
  followLink(href: string): Promise<void>;
  /** The page displayed the lesson it was sent (its 'rendered' report): annotations draw on it now. */
  displayed(): void;
  /** A selection, toolbar action or highlight click: passed to the annotations feature. */
  annotationMessage(message: AnnotationPageMessage): void;
  /** The page displayed (or is about to get) a lesson: send its stored answers to questions. */
  quizShown(): void;
  /** A question answered, or the lesson's Reset, in the page. */
  quizMessage(message: QuizPageMessage): void;
}

/** Acts on one message from the reader's page (parsed and validated first: the page is not trusted). */
export function routePageMessage(raw: unknown, page: PageContext): void {
  const m = parseReaderMessage(raw);
  if (!m) {
    page.log.warn(`reader: ignored a malformed message from the page`);
    return;
  }
  switch (m.type) {
    case 'ready':
      page.quizShown(); // the lesson waiting for the page gets its answers first
      return pageLoaded(page);
    case 'rendered':
      return pageRendered(page, m);
    case 'scroll':
      page.scrolled(m.lessonId, m.ratio);
      page.events.scrolled.fire(m);
      return;
    case 'reachedEnd':
      return runAndLog(page.log, `mark ${m.lessonId} read`, page.markRead(m.lessonId));
    case 'open':
      return runAndLog(page.log, `open ${m.lessonId}`, page.open(m.lessonId));
    case 'link':
      return runAndLog(page.log, `follow ${m.href}`, page.followLink(m.href));
    case 'runSnippet':
      return runSnippet(page.log, m.id);
    case 'action':
      return runPageAction(page.log, m.action === 'typesetAllMath' ? Commands.typesetAllMath : Commands.repairEncoding);
    case 'term':
      return showTerm(page.log, m.id);
    case 'selection':
    case 'annotate':
    case 'annotation':
    case 'annotationsDrawn':
      return page.annotationMessage(m);
    case 'quizAnswer':
    case 'quizReset':
      return page.quizMessage(m);
  }
}

/** The page script loaded (first time, or after the webview was reloaded): send what waits, else the lesson again. */
function pageLoaded(page: PageContext): void {
  const current = page.current();
  page.log.info(`reader page loaded${current ? `, showing ${current.lessonId} again` : ''}`);
  page.events.phase('pageReady');
  if (!page.panel.pageReady()) page.showAgain();
}

function pageRendered(page: PageContext, m: Extract<ReaderMessage, { type: 'rendered' }>): void {
  const events = page.events;
  events.pageReport.fire({ lessonId: m.lessonId, cspViolations: m.cspViolations ?? 0 });
  // A report for a page that was replaced meanwhile is not about what the reader shows now.
  if (m.lessonId !== page.shownLessonId()) return;
  const language = page.language();
  const { course, html, pageReady } = events.phases;
  page.log.info(
    `rendered ${m.lessonId} (${language}): ${m.katexCount} formulas, KaTeX fonts ${m.fontsLoaded ? 'loaded' : 'not loaded'}, page ${m.ms.toFixed(0)} ms, since open ${Date.now() - events.openedAt} ms (course ${course ?? '?'} ms, HTML ${html ?? '?'} ms${pageReady === undefined ? '' : `, page script ready ${pageReady} ms`})`,
  );
  if (m.cspViolations)
    page.log.warn(
      `reader page: the CSP refused ${m.cspViolations} thing(s) since it loaded, first: ${m.cspViolation ?? '?'}`,
    );
  events.lastRendered = { ...m, language, openedAt: events.openedAt, phases: { ...events.phases } };
  events.rendered.fire(events.lastRendered);
  page.displayed();
  page.quizShown();
}

import * as vscode from 'vscode';
import type { GlossaryMarkOptions, ProgressStore } from '../../core/activation';
import type { Deps, LessonLanguage } from '../shared/deps';
import type { CourseService, LoadedCourse } from './courseService';
import type { StateWrites } from './stateWrites';
import type { RenderService } from '../shared/render/renderService';
import { runAndLog } from '../shared/errors';
import { onDidChangeSettings, setting } from '../shared/settings';
import { createReaderWebview, ReaderPanel } from './readerPanel';
import { ReaderView, shownLesson } from './readerView';
import { ScrollStore } from './scrollStore';
import { LessonRenderer, lessonKey, type LessonArticle } from './lessonRender';
import {
  lessonToShow,
  logRenderNotes,
  renderFailureReason,
  reportRenderFailure,
  reportTypesetAllFailure,
  type Ui,
} from './readerNotices';
import { ReaderEventHub, routePageMessage, type ReaderEvents } from './readerMessages';
import { annotatableLesson, ReaderAnnotationHost } from './readerAnnotations';
import { followLessonLink, typesetAllMath, type ReaderActionContext } from './readerActions';
import type { ReaderQuizzes } from './readerQuizzes';
import { quizPage, readerPageContext, type ReaderPageSources } from './readerPageContext';
import { readerTesting, type ReaderTesting } from './readerTesting';

export type { ReaderEvents } from './readerMessages';
export type { ReaderTesting } from './readerTesting';

/** Where the reader is: which lesson, in which language, where to scroll. */
export interface LessonTarget {
  lessonId: string;
  section?: string;
  language?: LessonLanguage;
}

interface PanelState {
  lessonId?: string;
  language?: LessonLanguage;
  ratio?: number;
}

/**
 * The single lesson reader. It coordinates its parts: the panel (ReaderPanel: webview, handshake, posting) and
 * what it shows (ReaderView), the renders (LessonRenderer on the shared RenderService; core assembles the
 * article), the scroll positions (ScrollStore) and the page's messages (readerMessages.ts). A newer show() or
 * a closed panel supersedes a show in flight, which checks so after every await.
 */
export class LessonReader implements vscode.Disposable {
  private view: ReaderView | undefined;
  private readonly scroll: ScrollStore;
  private readonly renders: LessonRenderer;
  private readonly renderService: RenderService;
  /** Events, the page's last report and the timing of the show in progress. */
  private readonly events = new ReaderEventHub();
  readonly onDidRender = this.events.rendered.event;
  /** Every report the page sends, also for a page the reader does not show (tests that post to the page). */
  readonly onDidPageReport = this.events.pageReport.event;
  readonly onDidScroll = this.events.scrolled.event;
  readonly onDidChangeCurrent = this.events.currentChanged.event;
  readonly onDidFail = this.events.failed.event;
  private lastRender: { lessonId: string; where: 'host' | 'worker' | 'cache'; ms: number } | undefined;
  /** Each show() takes a number; a slower, older one never overwrites a newer one. */
  private showSeq = 0;
  private readonly disposables: vscode.Disposable[] = [];
  /** For tests: render limits and scroll storage (each setter returns its restore), the page's article and panel. */
  readonly testing: ReaderTesting;
  /** What the page's messages act on (readerPageContext.ts). */
  private readonly page: ReaderPageSources;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: Deps,
    private readonly courses: CourseService,
    private readonly progress: ProgressStore,
    runnableSnippets: () => ReadonlySet<string>,
    glossaryMarking: () => GlossaryMarkOptions | undefined,
    private readonly stateWrites: StateWrites,
    /** The shared service (sharedRenderService), made by the caller: the glossary entry page renders on it too. */
    renderService: RenderService,
    /** The extension's `ui` (tests replace its methods), passed in: a lazily loaded bundle has its own copy. */
    private readonly ui: Ui,
    private readonly quizzes?: ReaderQuizzes,
  ) {
    this.scroll = new ScrollStore(context.globalState, stateWrites);
    this.renderService = renderService;
    this.renders = new LessonRenderer({ courses, service: this.renderService, runnableSnippets, glossaryMarking });
    this.testing = readerTesting(this.renderService, this.scroll, () => this.view);
    this.page = { deps, events: this.events, scroll: this.scroll, stateWrites, progress, quizzes, reader: this };
    this.disposables.push(
      deps.annotations.setReaderHost(new ReaderAnnotationHost({ ...this.actions, bridge: deps.annotations })),
      this.events,
      courses.onDidChange(() =>
        runAndLog(this.deps.log, 'show the lesson in the changed course', () => this.rerender()),
      ),
      onDidChangeSettings((change) => {
        if (change.affects('fontSize')) this.view?.panel.postMessage({ type: 'config', fontSize: fontSize() });
        const current = this.view?.current;
        if (change.affects('language') && current) void this.show({ lessonId: current.lessonId }, { reveal: false });
      }),
    );
  }

  get currentLesson(): { lessonId: string; language: LessonLanguage } | undefined {
    const current = this.view?.current;
    return current && { lessonId: current.lessonId, language: current.language };
  }

  /** How many formulas of the shown lesson are shown as TeX source (past the math limits); undefined if none. */
  get untypesetFormulas(): number | undefined {
    return this.view?.untypeset?.formulas;
  }

  /** A render in a worker thread is running (tests: closing the reader stops it). */
  get renderingInWorker(): boolean {
    return this.renderService.renderingInWorker;
  }

  /** The message the page shows instead of a lesson, if it shows one. */
  get noticeShown(): { lessonId: string; message: string } | undefined {
    return this.view?.notice;
  }

  get isOpen(): boolean {
    return !!this.view;
  }

  /** Where the last render ran (tests and the log). */
  get lastRenderPath(): { lessonId: string; where: 'host' | 'worker' | 'cache'; ms: number } | undefined {
    return this.lastRender;
  }

  /** The page's last report (for tests that start listening after a restore already rendered). */
  get lastRendered(): ReaderEvents['rendered'] | undefined {
    return this.events.lastRendered;
  }

  /** Tests clear it before a show whose report they wait for. */
  set lastRendered(report: ReaderEvents['rendered'] | undefined) {
    this.events.lastRendered = report;
  }

  private roots(): { extensionUri: vscode.Uri; lessonsUri: vscode.Uri } {
    return { extensionUri: this.context.extensionUri, lessonsUri: this.deps.lessonsUri };
  }

  /** Adopts a panel (a new one, or one VS Code restored after a reload); one reader: it replaces any other. */
  private adopt(webviewPanel: vscode.WebviewPanel): ReaderView {
    if (this.view && this.view.panel.webviewPanel !== webviewPanel) this.view.panel.dispose();
    const panel: ReaderPanel = new ReaderPanel(webviewPanel, {
      ...this.roots(),
      lang: this.deps.language(),
      fontSize: fontSize(),
      onMessage: (raw) => routePageMessage(raw, readerPageContext(view, this.page)),
      onDidDispose: () => this.closed(view),
    });
    const view = new ReaderView(panel);
    this.view = view;
    return view;
  }

  /** The panel is gone: the render in flight is for a page that is gone too, so stop it and supersede its show. */
  private closed(view: ReaderView): void {
    if (this.view !== view) return;
    this.showSeq++;
    this.renders.cancel();
    this.view = undefined;
    view.closed();
    this.events.currentChanged.fire(undefined);
  }

  /** Restores the reader after a window reload, on the same lesson and scroll position. */
  async revive(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const view = this.adopt(webviewPanel);
    const s = (state ?? {}) as PanelState;
    if (typeof s.lessonId === 'string') {
      if (typeof s.ratio === 'number') this.scroll.set(s.lessonId, s.ratio, { save: false });
      const language = s.language === 'vi' || s.language === 'en' ? s.language : undefined;
      await this.show({ lessonId: s.lessonId, language }, { reveal: false });
    } else {
      const course = await this.courses.get();
      if (course.lessons[0] && this.view === view)
        await this.show({ lessonId: course.lessons[0].id }, { reveal: false });
    }
  }

  /** Opens a lesson (optionally at a section) in the reader, creating or revealing the panel. */
  async show(target: LessonTarget, opts: { column?: vscode.ViewColumn; reveal?: boolean } = {}): Promise<boolean> {
    const seq = ++this.showSeq;
    this.renders.cancel();
    this.events.startShow();
    const language = target.language ?? this.deps.language();
    const course = await this.courses.get(language);
    if (seq !== this.showSeq) return false;
    this.events.phase('course');
    const found = lessonToShow(course, target.lessonId, this.ui);
    if ('problem' in found) {
      this.showInsteadOfLesson(course, target.lessonId, found.problem);
      return false;
    }
    const { lesson, text } = found;
    if (this.view && opts.reveal !== false) this.view.panel.reveal(opts.column);
    const view = this.view ?? this.adopt(createReaderWebview(opts.column ?? vscode.ViewColumn.Active, this.roots()));
    let entry: LessonArticle;
    try {
      entry = await this.renders.render(course, lesson, text);
    } catch (e) {
      if (seq !== this.showSeq || renderFailureReason(e) === 'cancelled') return false;
      // Typesetting every formula did not finish: back to the math limit, so the lesson is not stuck behind
      // a render that fails each time it is opened.
      if (this.renders.forgetTypesetAll(lessonKey(course, lesson))) {
        reportTypesetAllFailure(this.deps.log, this.ui, lesson, e, this.renderService.renderTimeoutMs);
        return this.show(target, { reveal: false });
      }
      const failure = reportRenderFailure(this.deps.log, lesson, text, e, this.renderService.renderTimeoutMs);
      view.failure(shownLesson(course, lesson, language), lesson.title, failure.message);
      this.events.failed.fire({ lessonId: lesson.id, ...failure });
      return false;
    }
    if (seq !== this.showSeq || view.panel.disposed) return false;
    this.events.phase('html');
    this.lastRender = { lessonId: lesson.id, where: entry.where, ms: entry.ms };
    logRenderNotes(this.deps.log, lesson, entry.rendered);
    const where = {
      section: target.section,
      ratio: this.scroll.get(lesson.id) ?? 0,
      untypesetKey: lessonKey(course, lesson),
    };
    const title = entry.rendered.title || lesson.title;
    this.quizzes?.send(quizPage(view), lesson.id);
    view.lesson(
      shownLesson(course, lesson, language),
      title,
      entry,
      where,
      annotatableLesson(course, lesson, entry.body, title),
    );
    if (course.lessons.includes(lesson))
      await this.stateWrites.run(lesson.id, () => this.progress.markOpened(lesson.id));
    if (seq === this.showSeq) this.events.currentChanged.fire({ lessonId: lesson.id, section: target.section });
    return true;
  }

  /**
   * Re-renders the current lesson after its file, the glossary or the course changed, keeping the scroll position.
   * Another course (Open Course Folder…, Show the Shipped Lessons) shows the same lesson there, else its first.
   */
  async rerender(): Promise<void> {
    const current = this.view?.current;
    if (!current) return;
    const { lessonId, language, root, path } = current;
    const course = await this.courses.get(language);
    if (this.view?.current?.lessonId !== lessonId) return;
    if (course.root.toString() !== root) {
      const next = course.pages.find((l) => l.id === lessonId) ?? course.lessons[0];
      if (next) await this.show({ lessonId: next.id, language }, { reveal: false });
      else this.showInsteadOfLesson(course, lessonId, vscode.l10n.t('This course has no lessons.'));
    } else if (!course.pages.some((l) => l.id === lessonId) || !course.texts.has(path)) this.view.gone();
    else await this.show({ lessonId, language }, { reveal: false });
  }

  private showInsteadOfLesson(course: LoadedCourse, lessonId: string, message: string): void {
    if (this.view?.insteadOfLesson(course, lessonId, message)) this.events.currentChanged.fire(undefined);
  }

  /** Typesets every formula of the shown lesson (readerActions.ts); true when it is then shown so. */
  typesetAllMath(): Promise<boolean> {
    return typesetAllMath(this.actions);
  }

  scrollTo(section: string): void {
    this.view?.panel.postMessage({ type: 'scrollTo', section });
  }

  /** Follows a link clicked in the page (readerActions.ts). */
  followLink(href: string): Promise<void> {
    return followLessonLink(this.actions, href);
  }

  /** What the reader's actions act on. */
  private get actions(): ReaderActionContext {
    return {
      log: this.deps.log,
      ui: this.ui,
      courses: this.courses,
      renders: this.renders,
      view: () => this.view,
      show: (target, opts) => this.show(target, opts),
      scrollTo: (section) => this.scrollTo(section),
    };
  }

  dispose(): void {
    this.scroll.dispose();
    this.view?.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function fontSize(): number | undefined {
  const v = setting('fontSize');
  return v > 0 ? v : undefined;
}

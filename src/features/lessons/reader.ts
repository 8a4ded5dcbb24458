import * as vscode from 'vscode';
import { ui } from '../shared/ui';
import { isExternalHref } from '../shared/links';
import {
  buildBreadcrumb,
  buildLessonArticle,
  buildModuleContents,
  buildPageShell,
  buildRepairBanner,
  buildTypesetAllBanner,
  createNonce,
  escapeHtml,
  figuresKey,
  insertUncertainMarkers,
  MAX_FORMATTED_INLINE_CHARS,
  MAX_TABLE_ROWS,
  mathLimitText,
  parseReaderMessage,
  resolveLessonLink,
  type CourseLesson,
  type GlossaryMarkOptions,
  type KeyValueStore,
  type LessonLinkInfo,
  type ProgressStore,
  type ReaderMessage,
  type RenderedLesson,
} from '../../core/activation';
import { Commands, ContextKeys, StateKeys, WebviewTypes } from '../../constants';
import type { Deps, LessonLanguage } from '../shared/deps';
import type { CourseService, LoadedCourse } from './courseService';
import { readerLabels, renderLabels } from './labels';
import { POST_PART_CHARS, splitForPosting, type RenderJob, type RenderJobResult } from '../shared/render/renderJob';
import type { StateWrites } from './stateWrites';
import { RenderFailure } from '../shared/render/workerRender';
import { IN_THREAD_MAX_CHARS, RenderService, type RenderLimits, type RenderRun } from '../shared/render/renderService';
import { errorMessage, runAndLog } from '../shared/errors';
import { onDidChangeSettings, setting } from '../shared/settings';

/** Test hooks, given at construction (tests change them later through `reader.testing`). */
export type LessonReaderOptions = Partial<RenderLimits>;

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

interface CacheEntry {
  rendered: RenderedLesson;
  /** The page's HTML, in parts for a big lesson (never joined in the extension host). */
  article: readonly string[];
}

/**
 * The single lesson reader panel. Lessons are rendered in the extension host (core's renderLesson),
 * sent to a page with a strict CSP, and cached by text so re-opening an unchanged lesson costs nothing.
 */
export class LessonReader implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The lesson on the page, and the course it came from (`root`): a different course is not a deleted file. */
  private current: { lessonId: string; language: LessonLanguage; path: string; root: string } | undefined;
  /** What the page says instead of a lesson it cannot show (see showInsteadOfLesson). */
  private notice: { lessonId: string; message: string } | undefined;
  private ready = false;
  private pending:
    | {
        html: string | readonly string[];
        lessonId: string;
        title: string;
        scroll?: { section?: string; ratio?: number };
      }
    | undefined;
  private readonly scroll: Record<string, number>;
  /** Where scroll positions are kept (VS Code's globalState; the write-fault test swaps in one that fails). */
  scrollStore: KeyValueStore;
  private scrollSaveTimer: NodeJS.Timeout | undefined;
  private openedAt = 0;
  /** Milliseconds after openedAt at which the course was loaded, the HTML was ready, and the page was ready. */
  private phases: { course?: number; html?: number; pageReady?: number } = {};
  private readonly renderedEmitter = new vscode.EventEmitter<ReaderEvents['rendered']>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly pageReportEmitter = new vscode.EventEmitter<{ lessonId: string; cspViolations: number }>();
  /** Every report the page sends, also for a page the reader does not show (tests that post to the page). */
  readonly onDidPageReport = this.pageReportEmitter.event;
  /** The page's last report (for tests that start listening after a restore already rendered). */
  lastRendered: ReaderEvents['rendered'] | undefined;
  private readonly scrolledEmitter = new vscode.EventEmitter<ReaderEvents['scrolled']>();
  readonly onDidScroll = this.scrolledEmitter.event;
  private readonly currentChanged = new vscode.EventEmitter<{ lessonId: string; section?: string } | undefined>();
  readonly onDidChangeCurrent = this.currentChanged.event;
  private readonly failedEmitter = new vscode.EventEmitter<ReaderEvents['failed']>();
  readonly onDidFail = this.failedEmitter.event;
  /** Where the last render ran (tests and the log). */
  lastRenderPath: { lessonId: string; where: 'host' | 'worker' | 'cache'; ms: number } | undefined;
  /** Each show() takes a number; a slower, older one never overwrites a newer one. */
  private showSeq = 0;
  private inflight: RenderRun | undefined;
  /** The article last put on the page (tests read it through `testing`). */
  private shownArticle: readonly string[] | undefined;
  private postSeq = 0;
  private readonly renderer: RenderService;
  /** Lessons (course root | path) the user asked to see with every formula typeset, this session. */
  private readonly typesetAll = new Set<string>();
  /** The shown lesson's formulas past the math limits, if any (the Typeset All Formulas command's subject). */
  private currentUntypeset: { key: string; formulas: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: Deps,
    private readonly courses: CourseService,
    private readonly progress: ProgressStore,
    private readonly runnableSnippets: () => ReadonlySet<string>,
    private readonly glossaryMarking: () => GlossaryMarkOptions | undefined,
    private readonly stateWrites: StateWrites,
    options: LessonReaderOptions = {},
  ) {
    this.scrollStore = context.globalState;
    this.scroll = { ...(this.scrollStore.get<Record<string, number>>(StateKeys.scroll) ?? {}) };
    this.renderer = new RenderService({
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'render-worker.js').fsPath,
      log: deps.log,
      ...options,
    });
    this.testing = { ...this.renderer.testing, shownArticle: () => this.shownArticle };
    this.disposables.push(
      this.renderedEmitter,
      this.pageReportEmitter,
      this.scrolledEmitter,
      this.currentChanged,
      this.failedEmitter,
      courses.onDidChange(() =>
        runAndLog(this.deps.log, 'show the lesson in the changed course', () => this.rerender()),
      ),
      onDidChangeSettings((change) => {
        if (change.affects('fontSize'))
          void this.panel?.webview.postMessage({ type: 'config', fontSize: this.fontSize() });
        if (change.affects('language') && this.current) void this.show({ lessonId: this.current.lessonId });
      }),
    );
  }

  get currentLesson(): { lessonId: string; language: LessonLanguage } | undefined {
    return this.current && { lessonId: this.current.lessonId, language: this.current.language };
  }

  /** How many formulas of the shown lesson are shown as TeX source (past the math limits); undefined if none. */
  get untypesetFormulas(): number | undefined {
    return this.currentUntypeset?.formulas;
  }

  /** A render in a worker thread is running (tests: closing the reader stops it). */
  get renderingInWorker(): boolean {
    return this.renderer.renderingInWorker;
  }

  /** For tests: the render limits (each setter returns the function that puts it back), and the article last shown. */
  readonly testing: RenderService['testing'] & { shownArticle(): readonly string[] | undefined };

  /** The message the page shows instead of a lesson, if it shows one. */
  get noticeShown(): { lessonId: string; message: string } | undefined {
    return this.notice;
  }

  get isOpen(): boolean {
    return !!this.panel;
  }

  private fontSize(): number | undefined {
    const v = setting('fontSize');
    return v > 0 ? v : undefined;
  }

  private localRoots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.context.extensionUri, 'media'), this.deps.lessonsUri];
  }

  private createPanel(column: vscode.ViewColumn): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      WebviewTypes.reader,
      vscode.l10n.t('Lesson'),
      { viewColumn: column, preserveFocus: false },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: this.localRoots(),
      },
    );
    this.attach(panel);
    return panel;
  }

  /** Adopts a panel: a new one, or one VS Code restored after a reload. */
  private attach(panel: vscode.WebviewPanel): void {
    // One reader: a restored panel replaces any other.
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.panel = panel;
    this.ready = false;
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icons', 'reader-light.svg'),
      dark: vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icons', 'reader-dark.svg'),
    };
    panel.webview.options = { enableScripts: true, localResourceRoots: this.localRoots() };
    panel.webview.html = this.shell(panel.webview);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      panel.onDidChangeViewState(
        (e) => void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, e.webviewPanel.active),
      ),
      panel.onDidDispose(() => {
        // A render in flight is for a page that is gone: stop its worker, and let show() see it was superseded.
        this.showSeq++;
        this.inflight?.cancel();
        this.inflight = undefined;
        this.pending = undefined;
        this.panel = undefined;
        this.current = undefined;
        this.notice = undefined;
        this.setUntypeset(undefined);
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, false);
        this.currentChanged.fire(undefined);
      }),
    ];
    void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, panel.active);
  }

  private shell(webview: vscode.Webview): string {
    const media = (...p: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', ...p)).toString();
    return buildPageShell({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: media('reader.js'),
      styleUris: [media('katex', 'katex.min.css'), media('reader.css')],
      lang: this.deps.language(),
      title: vscode.l10n.t('Lesson'),
      config: { fontSize: this.fontSize() },
      body: `<p class="il-empty">${escapeHtml(vscode.l10n.t('Loading lesson…'))}</p>`,
    });
  }

  /** Restores the reader after a window reload, on the same lesson and scroll position. */
  async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.attach(panel);
    const s = (state ?? {}) as PanelState;
    if (typeof s.lessonId === 'string') {
      if (typeof s.ratio === 'number') this.scroll[s.lessonId] = s.ratio;
      await this.show(
        { lessonId: s.lessonId, language: s.language === 'vi' || s.language === 'en' ? s.language : undefined },
        { reveal: false },
      );
    } else {
      const course = await this.courses.get();
      if (course.lessons[0]) await this.show({ lessonId: course.lessons[0].id }, { reveal: false });
    }
  }

  /** Opens a lesson (optionally at a section) in the reader, creating or revealing the panel. */
  async show(target: LessonTarget, opts: { column?: vscode.ViewColumn; reveal?: boolean } = {}): Promise<boolean> {
    const seq = ++this.showSeq;
    this.inflight?.cancel();
    this.inflight = undefined;
    this.openedAt = Date.now();
    this.phases = {};
    const language = target.language ?? this.deps.language();
    const course = await this.courses.get(language);
    if (seq !== this.showSeq) return false;
    this.phases.course = Date.now() - this.openedAt;
    const lesson = course.pages.find((l) => l.id === target.lessonId);
    if (!lesson) {
      const message = vscode.l10n.t('Lesson "{0}" was not found in {1}.', target.lessonId, course.root.toString(true));
      void ui.showWarningMessage(message);
      this.showInsteadOfLesson(course, target.lessonId, message);
      return false;
    }
    const text = course.texts.get(lesson.path);
    if (text === undefined) {
      const why = course.problems.find((p) => p.startsWith(`${lesson.path}:`)) ?? lesson.path;
      const message = vscode.l10n.t('Cannot show the lesson: {0}', why);
      void vscode.window.showErrorMessage(message);
      this.showInsteadOfLesson(course, target.lessonId, message);
      return false;
    }
    if (!this.panel) this.createPanel(opts.column ?? vscode.ViewColumn.Active);
    else if (opts.reveal !== false) this.panel.reveal(opts.column, false);
    const panel = this.panel!;
    let entry: CacheEntry;
    try {
      entry = await this.rendered(course, lesson, text);
    } catch (e) {
      if (seq !== this.showSeq || (e instanceof RenderFailure && e.reason === 'cancelled')) return false;
      // Typesetting every formula did not finish: back to the math limit, so the lesson is not stuck behind
      // a render that fails each time it is opened.
      if (this.typesetAll.delete(lessonKey(course, lesson))) {
        const why =
          e instanceof RenderFailure && e.reason === 'timeout'
            ? vscode.l10n.t('stopped after {0} s', String(Math.round(this.renderer.renderTimeoutMs / 100) / 10))
            : e instanceof Error
              ? e.message
              : String(e);
        this.deps.log.warn(
          `${lesson.path}: typesetting every formula did not finish (${why}); shown with the math limit again`,
        );
        void ui.showWarningMessage(
          vscode.l10n.t(
            'Typesetting every formula of {0} did not finish ({1}): it is shown with the first formulas typeset, the rest as TeX.',
            lesson.path,
            why,
          ),
        );
        return this.show(target, { reveal: false });
      }
      this.renderFailed(course, lesson, language, text, e);
      return false;
    }
    if (seq !== this.showSeq) return false;
    this.phases.html = Date.now() - this.openedAt;
    for (const err of entry.rendered.mathErrors)
      this.deps.log.warn(`${lesson.path}:${err.line}: math error: ${err.message} in ${err.tex}`);
    const untypeset = entry.rendered.untypesetMath;
    if (untypeset) {
      this.deps.log.warn(
        `${lesson.path}:${untypeset.line}: ${untypeset.formulas} formula(s) from here on shown as TeX source: the lesson's math passed ${mathLimitText(untypeset.limit)} (Typeset All Formulas typesets them)`,
      );
    }
    this.setUntypeset(untypeset && { key: lessonKey(course, lesson), formulas: untypeset.formulas });
    for (const u of entry.rendered.unformatted ?? []) {
      this.deps.log.warn(
        u.kind === 'text'
          ? `${lesson.path}:${u.line}: ${u.size} characters in one block (limit ${MAX_FORMATTED_INLINE_CHARS}): shown as written, without formatting`
          : `${lesson.path}:${u.line}: a table's ${u.size} rows past the first ${MAX_TABLE_ROWS}: shown as written`,
      );
    }
    const sameLesson = this.current?.lessonId === lesson.id && this.current.language === language;
    this.current = { lessonId: lesson.id, language, path: lesson.path, root: course.root.toString() };
    this.notice = undefined;
    panel.title = entry.rendered.title || lesson.title;
    const scroll = target.section ? { section: target.section } : { ratio: this.scroll[lesson.id] ?? 0 };
    this.shownArticle = entry.article;
    this.post({ html: entry.article, lessonId: lesson.id, title: panel.title, scroll });
    if (sameLesson && target.section && this.ready)
      void panel.webview.postMessage({ type: 'scrollTo', section: target.section });
    if (course.lessons.includes(lesson))
      await this.stateWrites.run(lesson.id, () => this.progress.markOpened(lesson.id));
    this.currentChanged.fire({ lessonId: lesson.id, section: target.section });
    return true;
  }

  private async rendered(course: LoadedCourse, lesson: CourseLesson, text: string): Promise<CacheEntry> {
    const runnable = this.runnableSnippets();
    const repair = course.repairs.get(lesson.path);
    const cacheKey = lessonKey(course, lesson);
    const marking = this.glossaryMarking();
    const typesetAllMath = this.typesetAll.has(cacheKey);
    const figures = await this.courses.figuresFor(course, lesson.path, text);
    const runKey = `${[...runnable].join(',')};${marking ? `${glossaryVersion(marking.glossary)}:${marking.language}:${marking.firstOnly}` : 'no-glossary'};${typesetAllMath ? 'all-math' : 'math-limit'};${figuresKey(figures)}`;
    // Uncertain repaired characters are marked before rendering and highlighted after it.
    const uncertain = repair?.unresolved.length ? repair : undefined;
    const job: RenderJob = {
      markdown: uncertain
        ? insertUncertainMarkers(
            uncertain.text,
            uncertain.unresolved.map((u) => ({ offset: u.offset, length: u.candidates[0]?.length ?? 1 })),
          ).normalize('NFC')
        : text,
      lessonPath: lesson.path,
      pages: course.pages.map((p) => ({ id: p.id, path: p.path })),
      runnableSnippets: [...runnable],
      glossary: marking?.glossary,
      glossaryMarking: marking && { language: marking.language, firstOnly: marking.firstOnly },
      labels: renderLabels(),
      uncertainLabel: uncertain ? vscode.l10n.t('Uncertain: the lost bytes allow other letters here') : undefined,
      typesetAllMath,
      figures,
    };
    const run = this.renderer.render({
      job,
      name: lesson.path,
      progressTitle: progressTitle(job),
      cache: { key: cacheKey, version: `${text}|${runKey}` },
    });
    this.inflight = run;
    const outcome = await run.result.finally(() => {
      if (this.inflight === run) this.inflight = undefined;
    });
    this.lastRenderPath = { lessonId: lesson.id, where: outcome.where, ms: outcome.ms };
    return this.article(course, lesson, outcome.result);
  }

  /** The article around the rendered body: banners, breadcrumb, neighbours and the module's contents. */
  private article(course: LoadedCourse, lesson: CourseLesson, result: RenderJobResult): CacheEntry {
    const { rendered, htmlParts, navigationHtml } = result;
    const repair = course.repairs.get(lesson.path);
    const { previous, next, contents } = this.neighbours(course, lesson, rendered);
    const breadcrumb =
      navigationHtml === undefined ? undefined : buildBreadcrumb(navigationHtml, vscode.l10n.t('Quick links'));
    const untypeset = rendered.untypesetMath;
    const banner =
      [
        repair &&
          buildRepairBanner(
            vscode.l10n.t(
              "This file's encoding was damaged; {0} spots repaired, {1} uncertain (highlighted). The file on disk is unchanged.",
              repair.restored,
              repair.unresolved.length,
            ),
            vscode.l10n.t('Repair File Encoding…'),
          ),
        untypeset &&
          buildTypesetAllBanner(
            vscode.l10n.t(
              'This lesson has more math than the reader typesets at once: {0} formula(s) from line {1} on are shown as TeX source.',
              untypeset.formulas,
              untypeset.line,
            ),
            vscode.l10n.t('Typeset All Formulas'),
          ),
      ]
        .filter(Boolean)
        .join('') || undefined;
    const after = buildModuleContents(
      vscode.l10n.t('In this module'),
      contents,
      vscode.l10n.t('This link does not lead to a lesson in this course'),
    );
    // A big body stays in its parts: the article is built around a placeholder that cannot occur in it.
    const body = htmlParts && `\u0000${createNonce()}\u0000`;
    const built = buildLessonArticle({
      lessonId: lesson.id,
      rendered: body ? { ...rendered, html: body } : rendered,
      previous,
      next,
      labels: readerLabels(),
      breadcrumb,
      banner,
      after,
    });
    const at = body ? built.indexOf(body) : -1;
    const article =
      body && htmlParts && at >= 0 ? [built.slice(0, at), ...htmlParts, built.slice(at + body.length)] : [built];
    return { rendered, article };
  }

  /** A lesson that could not be rendered: a log line, a notification, and the reason on the page. */
  private renderFailed(
    course: LoadedCourse,
    lesson: CourseLesson,
    language: LessonLanguage,
    text: string,
    e: unknown,
  ): void {
    const timeout = e instanceof RenderFailure && e.reason === 'timeout';
    const message = timeout
      ? vscode.l10n.t(
          '{0} is too big to show: rendering it took longer than {1} s and was stopped ({2} MB). Split it into smaller lessons.',
          lesson.path,
          String(Math.round(this.renderer.renderTimeoutMs / 100) / 10),
          (text.length / 1024 / 1024).toFixed(1),
        )
      : vscode.l10n.t('Cannot render {0}: {1}', lesson.path, errorMessage(e));
    this.deps.log.error(
      `render ${lesson.path}${timeout ? ` stopped after ${this.renderer.renderTimeoutMs} ms` : ''}`,
      timeout ? undefined : e,
    );
    void vscode.window.showErrorMessage(message);
    this.current = { lessonId: lesson.id, language, path: lesson.path, root: course.root.toString() };
    this.notice = undefined;
    if (this.panel) this.panel.title = lesson.title;
    this.post({
      lessonId: lesson.id,
      title: lesson.title,
      html: `<p class="il-empty il-banner il-banner-warning">${escapeHtml(message)}</p>`,
    });
    this.setUntypeset(undefined);
    this.failedEmitter.fire({ lessonId: lesson.id, reason: timeout ? 'timeout' : 'error', message });
  }

  /**
   * Previous/next: from an Aero footer's lesson table when the lesson has one (the course's own
   * order, links resolved loosely), else the course order.
   */
  private neighbours(
    course: LoadedCourse,
    lesson: CourseLesson,
    rendered: RenderedLesson,
  ): {
    previous?: LessonLinkInfo;
    next?: LessonLinkInfo;
    contents: { title: string; id?: string; current: boolean }[];
  } {
    const info = (l: CourseLesson | undefined): LessonLinkInfo | undefined =>
      l && { id: l.id, title: course.kind === 'shipped' ? `${l.order}. ${l.title}` : l.title };
    if (rendered.footerLessons.length) {
      const rows = rendered.footerLessons.map((r) => {
        const target = resolveLessonLink(lesson.path, r.href, course.pages)?.lesson;
        return {
          title: r.title,
          id: target?.id,
          current: target ? target.id === lesson.id : r.current,
          lesson: target,
        };
      });
      const i = rows.findIndex((r) => r.current);
      if (i >= 0) {
        const prev = rows
          .slice(0, i)
          .reverse()
          .find((r) => r.lesson)?.lesson;
        const next = rows.slice(i + 1).find((r) => r.lesson)?.lesson;
        return { previous: info(prev), next: info(next), contents: rows };
      }
      return { ...this.courseOrder(course, lesson, info), contents: rows };
    }
    return { ...this.courseOrder(course, lesson, info), contents: [] };
  }

  private courseOrder(
    course: LoadedCourse,
    lesson: CourseLesson,
    info: (l: CourseLesson | undefined) => LessonLinkInfo | undefined,
  ) {
    const index = course.lessons.indexOf(lesson);
    if (index < 0)
      return { previous: undefined, next: info(course.modules.find((m) => m.indexPath === lesson.path)?.lessons[0]) };
    return { previous: info(course.lessons[index - 1]), next: info(course.lessons[index + 1]) };
  }

  private post(m: {
    html: string | readonly string[];
    lessonId: string;
    title: string;
    scroll?: { section?: string; ratio?: number };
  }): void {
    if (!this.panel) return;
    if (!this.ready) {
      this.pending = m;
      return;
    }
    const stream = ++this.postSeq;
    const parts = typeof m.html === 'string' ? [m.html] : m.html;
    const message = { type: 'show', language: this.current?.language, ...m, html: '' };
    if (parts.reduce((n, p) => n + p.length, 0) <= POST_PART_CHARS)
      void this.panel.webview.postMessage({ ...message, html: parts.join('') });
    else
      void this.postInParts(
        this.panel,
        stream,
        message,
        parts.flatMap((p) => (p.length > POST_PART_CHARS ? splitForPosting(p) : [p])),
      );
  }

  /**
   * A big article goes to the page in parts, each awaited: one postMessage of an 11 MB article held the
   * extension host 1.7 s (JSON and IPC encoding). The last part carries the rest of the 'show' message;
   * a newer post stops an older stream, and the page drops a stream it did not get whole.
   */
  private async postInParts(
    panel: vscode.WebviewPanel,
    stream: number,
    message: Record<string, unknown>,
    parts: readonly string[],
  ): Promise<void> {
    for (let i = 0; i < parts.length; i++) {
      if (stream !== this.postSeq || this.panel !== panel) return;
      const last = i === parts.length - 1;
      await panel.webview.postMessage(
        last
          ? { ...message, html: parts[i], stream, index: i }
          : { type: 'showPart', stream, index: i, html: parts[i] },
      );
    }
  }

  /**
   * Re-renders the current lesson after its file, the glossary or the course changed, keeping the scroll position.
   * Another course (Open Course Folder…, Show the Shipped Lessons) shows the same lesson there, else its first.
   */
  async rerender(): Promise<void> {
    if (!this.panel || !this.current) return;
    const { lessonId, language, root } = this.current;
    const course = await this.courses.get(language);
    if (!this.panel || this.current?.lessonId !== lessonId) return;
    if (course.root.toString() !== root) {
      const next = course.pages.find((l) => l.id === lessonId) ?? course.lessons[0];
      if (next) await this.show({ lessonId: next.id, language }, { reveal: false });
      else this.showInsteadOfLesson(course, lessonId, vscode.l10n.t('This course has no lessons.'));
      return;
    }
    if (!course.pages.some((l) => l.id === lessonId) || !course.texts.has(this.current.path)) {
      this.post({
        lessonId,
        title: this.panel.title,
        html: `<p class="il-empty il-banner il-banner-warning">${escapeHtml(vscode.l10n.t("This lesson's file is gone: it was deleted or renamed on disk."))}</p>`,
      });
      this.setUntypeset(undefined);
      return;
    }
    await this.show({ lessonId, language }, { reveal: false });
  }

  /**
   * A reader with no lesson to show (restored after a reload on a lesson that is gone, or a course without it):
   * says why on the page and lists the course's lessons, instead of staying on "Loading lesson…".
   */
  private showInsteadOfLesson(course: LoadedCourse, lessonId: string, message: string): void {
    if (!this.panel || (this.current && this.current.root === course.root.toString())) return;
    this.current = undefined;
    this.notice = { lessonId, message };
    this.setUntypeset(undefined);
    this.currentChanged.fire(undefined);
    const title = vscode.l10n.t('Lesson');
    this.panel.title = title;
    const rows = course.lessons.map((l) => ({
      title: course.kind === 'shipped' ? `${l.order}. ${l.title}` : l.title,
      id: l.id,
      current: false,
    }));
    const list = buildModuleContents(
      vscode.l10n.t('Lessons in this course'),
      rows,
      vscode.l10n.t('This link does not lead to a lesson in this course'),
    );
    this.post({
      lessonId,
      title,
      html: `<p class="il-empty il-banner il-banner-warning" role="status">${escapeHtml(message)}</p>\n${list}`,
    });
  }

  /** What Typeset All Formulas would act on, and its context key (the command shows in the palette only then). */
  private setUntypeset(u: { key: string; formulas: number } | undefined): void {
    this.currentUntypeset = u;
    void vscode.commands.executeCommand('setContext', ContextKeys.readerUntypesetMath, !!u);
  }

  /**
   * Typesets every formula of the lesson in the reader, past the math limits (the banner's button and the
   * Typeset All Formulas command), in the worker; remembered for that lesson until the window closes.
   */
  async typesetAllMath(): Promise<boolean> {
    const shown = this.current;
    const untypeset = this.currentUntypeset;
    if (!this.panel || !shown) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a lesson first.'));
      return false;
    }
    if (!untypeset) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every formula in this lesson is already typeset.'));
      return false;
    }
    this.typesetAll.add(untypeset.key);
    this.deps.log.info(`${shown.path}: typesetting all formulas (${untypeset.formulas} were shown as TeX source)`);
    // True when the lesson is now shown with every formula typeset.
    return (
      (await this.show({ lessonId: shown.lessonId, language: shown.language }, { reveal: false })) &&
      this.currentUntypeset === undefined
    );
  }

  scrollTo(section: string): void {
    void this.panel?.webview.postMessage({ type: 'scrollTo', section });
  }

  private onMessage(raw: unknown): void {
    const m = parseReaderMessage(raw);
    if (!m) {
      this.deps.log.warn(`reader: ignored a malformed message from the page`);
      return;
    }
    switch (m.type) {
      case 'ready':
        this.deps.log.info(`reader page loaded${this.current ? `, showing ${this.current.lessonId} again` : ''}`);
        this.ready = true;
        this.phases.pageReady ??= Date.now() - this.openedAt;
        if (this.pending) {
          const p = this.pending;
          this.pending = undefined;
          this.post(p);
        } else if (this.current) {
          void this.show({ lessonId: this.current.lessonId, language: this.current.language }, { reveal: false });
        }
        break;
      case 'rendered':
        this.pageReportEmitter.fire({ lessonId: m.lessonId, cspViolations: m.cspViolations ?? 0 });
        // A report for a page that was replaced meanwhile is not about what the reader shows now.
        if (m.lessonId === (this.current ?? this.notice)?.lessonId) {
          const language = this.current?.language ?? this.deps.language();
          this.deps.log.info(
            `rendered ${m.lessonId} (${language}): ${m.katexCount} formulas, KaTeX fonts ${m.fontsLoaded ? 'loaded' : 'not loaded'}, page ${m.ms.toFixed(0)} ms, since open ${Date.now() - this.openedAt} ms (course ${this.phases.course ?? '?'} ms, HTML ${this.phases.html ?? '?'} ms${this.phases.pageReady === undefined ? '' : `, page script ready ${this.phases.pageReady} ms`})`,
          );
          if (m.cspViolations)
            this.deps.log.warn(
              `reader page: the CSP refused ${m.cspViolations} thing(s) since it loaded, first: ${m.cspViolation ?? '?'}`,
            );
          this.lastRendered = {
            ...m,
            language,
            openedAt: this.openedAt,
            phases: { ...this.phases },
          };
          this.renderedEmitter.fire(this.lastRendered);
        }
        break;
      case 'scroll':
        this.scroll[m.lessonId] = m.ratio;
        this.scheduleScrollSave();
        this.scrolledEmitter.fire(m);
        break;
      case 'reachedEnd':
        runAndLog(
          this.deps.log,
          `mark ${m.lessonId} read`,
          this.stateWrites.run(m.lessonId, () => this.progress.set(m.lessonId, 'read')),
        );
        break;
      case 'open':
        runAndLog(
          this.deps.log,
          `open ${m.lessonId}`,
          this.show({ lessonId: m.lessonId, language: this.current?.language }),
        );
        break;
      case 'link':
        runAndLog(this.deps.log, `follow ${m.href}`, this.followLink(m.href));
        break;
      case 'runSnippet':
        void vscode.commands.executeCommand(Commands.runSnippetInternal, { id: m.id }).then(undefined, (e) => {
          this.deps.log.error(`run snippet ${m.id}`, e);
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Cannot run snippet {0}: {1}', m.id, String((e as Error)?.message ?? e)),
          );
        });
        break;
      case 'action':
        void vscode.commands.executeCommand(
          m.action === 'typesetAllMath' ? Commands.typesetAllMath : Commands.repairEncoding,
        );
        break;
      case 'term':
        void vscode.commands.executeCommand(Commands.showTermInternal, { id: m.id }).then(undefined, () => undefined);
        break;
    }
  }

  /** Follows a link clicked in the page: another lesson (and section), or an external https page. */
  async followLink(href: string): Promise<void> {
    if (isExternalHref(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    if (!this.current) return;
    const course = await this.courses.get(this.current.language);
    const target = resolveLessonLink(this.current.path, href, course.pages);
    if (!target) {
      void ui.showWarningMessage(vscode.l10n.t('This link does not lead to a lesson in this course: {0}', href));
      return;
    }
    if (target.lesson.id === this.current.lessonId && target.section) this.scrollTo(target.section);
    else await this.show({ lessonId: target.lesson.id, section: target.section, language: this.current.language });
  }

  private scheduleScrollSave(): void {
    if (this.scrollSaveTimer) return;
    this.scrollSaveTimer = setTimeout(() => {
      this.scrollSaveTimer = undefined;
      void this.saveScroll();
    }, 1000);
  }

  /**
   * Writes every lesson's scroll position in one update. A write that fails keeps what was stored and the
   * positions of this session (the reader still returns to them); StateWrites logs it once per run of
   * failures and warns once per session, so scrolling never floods the user.
   */
  private saveScroll(): Promise<boolean> {
    return this.stateWrites.run(vscode.l10n.t('scroll positions'), () =>
      this.scrollStore.update(StateKeys.scroll, { ...this.scroll }),
    );
  }

  dispose(): void {
    if (this.scrollSaveTimer) {
      clearTimeout(this.scrollSaveTimer);
      void this.saveScroll();
    }
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** What the status bar says while a lesson renders in the worker. */
function progressTitle(job: RenderJob): string {
  return job.typesetAllMath
    ? vscode.l10n.t('Typesetting every formula of the lesson…')
    : job.markdown.length > IN_THREAD_MAX_CHARS
      ? vscode.l10n.t('Rendering a big lesson ({0} MB)…', (job.markdown.length / 1024 / 1024).toFixed(1))
      : vscode.l10n.t('Rendering a lesson with many formulas…');
}

/** One lesson of one course: the key of the render cache and of Typeset All Formulas. */
function lessonKey(course: LoadedCourse, lesson: CourseLesson): string {
  return `${course.root.toString()}|${lesson.path}`;
}

const glossaryVersions = new WeakMap<object, number>();
let nextGlossaryVersion = 1;
/** A number per glossary object: a changed user glossary is a new object, so lessons re-render. */
function glossaryVersion(g: object): number {
  let v = glossaryVersions.get(g);
  if (!v) glossaryVersions.set(g, (v = nextGlossaryVersion++));
  return v;
}

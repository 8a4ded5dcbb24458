import * as vscode from 'vscode';
import {
  buildBreadcrumb, buildLessonArticle, buildModuleContents, buildPageShell, buildRepairBanner, createNonce, escapeHtml,
  insertUncertainMarkers, isAllowedHref, LruCache, markUncertainSpots, parseReaderMessage, resolveLessonLink,
  type CourseLesson, type GlossaryMarkOptions, type LessonLinkInfo, type ProgressStore, type ReaderMessage, type RenderedLesson,
} from '../../core';
import { Commands, ContextKeys, StateKeys, WebviewTypes } from '../../constants';
import type { Deps, LessonLanguage } from '../shared/deps';
import type { CourseService, LoadedCourse } from './courseService';
import { loadRenderer } from './renderer';
import { readerLabels, renderLabels } from './labels';

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
  rendered: Extract<ReaderMessage, { type: 'rendered' }> & { language: LessonLanguage; openedAt: number };
  scrolled: Extract<ReaderMessage, { type: 'scroll' }>;
}

interface CacheEntry {
  text: string;
  /** What the article depends on besides the text: language, neighbours, runnable snippets. */
  key: string;
  rendered: RenderedLesson;
  article: string;
}

/**
 * The single lesson reader panel. Lessons are rendered in the extension host (core's renderLesson),
 * sent to a page with a strict CSP, and cached by text so re-opening an unchanged lesson costs nothing.
 */
export class LessonReader implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: { lessonId: string; language: LessonLanguage; path: string } | undefined;
  private ready = false;
  private pending: { html: string; lessonId: string; title: string; scroll?: { section?: string; ratio?: number } } | undefined;
  private readonly cache = new LruCache<CacheEntry>(48);
  private readonly scroll: Record<string, number>;
  private scrollSaveTimer: NodeJS.Timeout | undefined;
  private openedAt = 0;
  private readonly renderedEmitter = new vscode.EventEmitter<ReaderEvents['rendered']>();
  readonly onDidRender = this.renderedEmitter.event;
  /** The page's last report (for tests that start listening after a restore already rendered). */
  lastRendered: ReaderEvents['rendered'] | undefined;
  private readonly scrolledEmitter = new vscode.EventEmitter<ReaderEvents['scrolled']>();
  readonly onDidScroll = this.scrolledEmitter.event;
  private readonly currentChanged = new vscode.EventEmitter<{ lessonId: string; section?: string } | undefined>();
  readonly onDidChangeCurrent = this.currentChanged.event;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: Deps,
    private readonly courses: CourseService,
    private readonly progress: ProgressStore,
    private readonly runnableSnippets: () => ReadonlySet<string>,
    private readonly glossaryMarking: () => GlossaryMarkOptions | undefined,
  ) {
    this.scroll = { ...(context.globalState.get<Record<string, number>>(StateKeys.scroll) ?? {}) };
    this.disposables.push(
      this.renderedEmitter, this.scrolledEmitter, this.currentChanged,
      courses.onDidChange(() => void this.rerender()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('interpLessons.fontSize')) void this.panel?.webview.postMessage({ type: 'config', fontSize: this.fontSize() });
        if (e.affectsConfiguration('interpLessons.language') && this.current) void this.show({ lessonId: this.current.lessonId });
      }),
    );
  }

  get currentLesson(): { lessonId: string; language: LessonLanguage } | undefined {
    return this.current && { lessonId: this.current.lessonId, language: this.current.language };
  }

  get isOpen(): boolean {
    return !!this.panel;
  }

  private fontSize(): number | undefined {
    const v = vscode.workspace.getConfiguration('interpLessons').get<number>('fontSize', 0);
    return v > 0 ? v : undefined;
  }

  private localRoots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.context.extensionUri, 'media'), this.deps.lessonsUri];
  }

  private createPanel(column: vscode.ViewColumn): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(WebviewTypes.reader, vscode.l10n.t('Lesson'), { viewColumn: column, preserveFocus: false }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: this.localRoots(),
    });
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
      panel.onDidChangeViewState((e) => void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, e.webviewPanel.active)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.current = undefined;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, false);
        this.currentChanged.fire(undefined);
      }),
    ];
    void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, panel.active);
  }

  private shell(webview: vscode.Webview): string {
    const media = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', ...p)).toString();
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
      await this.show({ lessonId: s.lessonId, language: s.language === 'vi' || s.language === 'en' ? s.language : undefined }, { reveal: false });
    } else {
      const course = await this.courses.get();
      if (course.lessons[0]) await this.show({ lessonId: course.lessons[0].id }, { reveal: false });
    }
  }

  /** Opens a lesson (optionally at a section) in the reader, creating or revealing the panel. */
  async show(target: LessonTarget, opts: { column?: vscode.ViewColumn; reveal?: boolean } = {}): Promise<boolean> {
    this.openedAt = Date.now();
    const language = target.language ?? this.deps.language();
    const course = await this.courses.get(language);
    const lesson = course.pages.find((l) => l.id === target.lessonId);
    if (!lesson) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lesson "{0}" was not found in {1}.', target.lessonId, course.root.toString(true)));
      return false;
    }
    const text = course.texts.get(lesson.path);
    if (text === undefined) {
      const why = course.problems.find((p) => p.startsWith(`${lesson.path}:`)) ?? lesson.path;
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot show the lesson: {0}', why));
      return false;
    }
    if (!this.panel) this.createPanel(opts.column ?? vscode.ViewColumn.Active);
    else if (opts.reveal !== false) this.panel.reveal(opts.column, false);
    const panel = this.panel!;
    let entry: CacheEntry;
    try {
      entry = this.rendered(course, lesson, text);
    } catch (e) {
      this.deps.log.error(`render ${lesson.path}`, e);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot render {0}: {1}', lesson.path, (e as Error).message));
      return false;
    }
    for (const err of entry.rendered.mathErrors) this.deps.log.warn(`${lesson.path}:${err.line}: math error: ${err.message} in ${err.tex}`);
    const sameLesson = this.current?.lessonId === lesson.id && this.current.language === language;
    this.current = { lessonId: lesson.id, language, path: lesson.path };
    panel.title = entry.rendered.title || lesson.title;
    const scroll = target.section ? { section: target.section } : { ratio: this.scroll[lesson.id] ?? 0 };
    this.post({ html: entry.article, lessonId: lesson.id, title: panel.title, scroll });
    if (sameLesson && target.section && this.ready) void panel.webview.postMessage({ type: 'scrollTo', section: target.section });
    if (course.lessons.includes(lesson)) await this.progress.markOpened(lesson.id);
    this.currentChanged.fire({ lessonId: lesson.id, section: target.section });
    return true;
  }

  private rendered(course: LoadedCourse, lesson: CourseLesson, text: string): CacheEntry {
    const runnable = this.runnableSnippets();
    const repair = course.repairs.get(lesson.path);
    const cacheKey = `${course.root.toString()}|${lesson.path}`;
    const hit = this.cache.get(cacheKey);
    const classifyLink = (href: string) => (resolveLessonLink(lesson.path, href, course.pages) ? 'lesson' as const : 'broken' as const);
    const marking = this.glossaryMarking();
    const runKey = `${[...runnable].join(',')};${marking ? `${glossaryVersion(marking.glossary)}:${marking.language}:${marking.firstOnly}` : 'no-glossary'}`;
    let rendered = hit && hit.text === text && hit.key.endsWith(`|${runKey}`) ? hit.rendered : undefined;
    if (!rendered) {
      // Uncertain repaired characters are marked before rendering and highlighted after it.
      const source = repair?.unresolved.length
        ? insertUncertainMarkers(repair.text, repair.unresolved.map((u) => ({ offset: u.offset, length: u.candidates[0]?.length ?? 1 }))).normalize('NFC')
        : text;
      rendered = loadRenderer().renderLesson(source, {
        runnableSnippets: runnable, classifyLink, labels: renderLabels(),
        glossary: marking?.glossary, glossaryMarking: marking && { language: marking.language, firstOnly: marking.firstOnly },
      });
      if (repair?.unresolved.length) rendered = { ...rendered, html: markUncertainSpots(rendered.html, vscode.l10n.t('Uncertain: the lost bytes allow other letters here')) };
    }
    const { previous, next, contents } = this.neighbours(course, lesson, rendered);
    const key = [course.language, previous?.id, previous?.title, next?.id, next?.title, contents.length, runKey].join('|');
    if (hit && hit.text === text && hit.key === key) return hit;
    let breadcrumb: string | undefined;
    if (rendered.navigation) {
      const nav = loadRenderer().renderLesson(rendered.navigation, { classifyLink, labels: renderLabels() });
      breadcrumb = buildBreadcrumb(nav.html, vscode.l10n.t('Quick links'));
    }
    const banner = repair
      ? buildRepairBanner(vscode.l10n.t('This file\'s encoding was damaged; {0} spots repaired, {1} uncertain (highlighted). The file on disk is unchanged.', repair.restored, repair.unresolved.length), vscode.l10n.t('Repair File Encoding…'))
      : undefined;
    const after = buildModuleContents(vscode.l10n.t('In this module'), contents, vscode.l10n.t('This link does not lead to a lesson in this course'));
    const article = buildLessonArticle({ lessonId: lesson.id, rendered, previous, next, labels: readerLabels(), breadcrumb, banner, after });
    const entry = { text, key, rendered, article };
    this.cache.set(cacheKey, entry);
    return entry;
  }

  /**
   * Previous/next: from an Aero footer's lesson table when the lesson has one (the course's own
   * order, links resolved loosely), else the course order.
   */
  private neighbours(course: LoadedCourse, lesson: CourseLesson, rendered: RenderedLesson): { previous?: LessonLinkInfo; next?: LessonLinkInfo; contents: { title: string; id?: string; current: boolean }[] } {
    const info = (l: CourseLesson | undefined): LessonLinkInfo | undefined => l && { id: l.id, title: course.kind === 'shipped' ? `${l.order}. ${l.title}` : l.title };
    if (rendered.footerLessons.length) {
      const rows = rendered.footerLessons.map((r) => {
        const target = resolveLessonLink(lesson.path, r.href, course.pages)?.lesson;
        return { title: r.title, id: target?.id, current: target ? target.id === lesson.id : r.current, lesson: target };
      });
      const i = rows.findIndex((r) => r.current);
      if (i >= 0) {
        const prev = rows.slice(0, i).reverse().find((r) => r.lesson)?.lesson;
        const next = rows.slice(i + 1).find((r) => r.lesson)?.lesson;
        return { previous: info(prev), next: info(next), contents: rows };
      }
      return { ...this.courseOrder(course, lesson, info), contents: rows };
    }
    return { ...this.courseOrder(course, lesson, info), contents: [] };
  }

  private courseOrder(course: LoadedCourse, lesson: CourseLesson, info: (l: CourseLesson | undefined) => LessonLinkInfo | undefined) {
    const index = course.lessons.indexOf(lesson);
    if (index < 0) return { previous: undefined, next: info(course.modules.find((m) => m.indexPath === lesson.path)?.lessons[0]) };
    return { previous: info(course.lessons[index - 1]), next: info(course.lessons[index + 1]) };
  }

  private post(m: { html: string; lessonId: string; title: string; scroll?: { section?: string; ratio?: number } }): void {
    if (!this.panel) return;
    if (!this.ready) {
      this.pending = m;
      return;
    }
    void this.panel.webview.postMessage({ type: 'show', language: this.current?.language, ...m });
  }

  /** Re-renders the current lesson after its file (or the glossary) changed, keeping the scroll position. */
  async rerender(): Promise<void> {
    if (!this.panel || !this.current) return;
    const { lessonId, language } = this.current;
    const course = await this.courses.get(language);
    if (!course.pages.some((l) => l.id === lessonId) || !course.texts.has(this.current.path)) {
      this.post({ lessonId, title: this.panel.title, html: `<p class="il-empty il-banner il-banner-warning">${escapeHtml(vscode.l10n.t('This lesson\'s file is gone: it was deleted or renamed on disk.'))}</p>` });
      return;
    }
    await this.show({ lessonId, language }, { reveal: false });
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
        this.ready = true;
        if (this.pending) {
          const p = this.pending;
          this.pending = undefined;
          this.post(p);
        } else if (this.current) {
          void this.show({ lessonId: this.current.lessonId, language: this.current.language }, { reveal: false });
        }
        break;
      case 'rendered':
        if (this.current) {
          this.deps.log.info(`rendered ${m.lessonId} (${this.current.language}): ${m.katexCount} formulas, KaTeX fonts ${m.fontsLoaded ? 'loaded' : 'not loaded'}, page ${m.ms.toFixed(0)} ms, since open ${Date.now() - this.openedAt} ms`);
          if (m.cspViolations) this.deps.log.warn(`reader page: the CSP refused ${m.cspViolations} thing(s) since it loaded, first: ${m.cspViolation ?? '?'}`);
          this.lastRendered = { ...m, language: this.current.language, openedAt: this.openedAt };
          this.renderedEmitter.fire(this.lastRendered);
        }
        break;
      case 'scroll':
        this.scroll[m.lessonId] = m.ratio;
        this.scheduleScrollSave();
        this.scrolledEmitter.fire(m);
        break;
      case 'reachedEnd':
        void this.progress.set(m.lessonId, 'read');
        break;
      case 'open':
        void this.show({ lessonId: m.lessonId, language: this.current?.language });
        break;
      case 'link':
        void this.followLink(m.href);
        break;
      case 'runSnippet':
        void vscode.commands.executeCommand(Commands.runSnippetInternal, { id: m.id }).then(undefined, (e) => {
          this.deps.log.error(`run snippet ${m.id}`, e);
          void vscode.window.showErrorMessage(vscode.l10n.t('Cannot run snippet {0}: {1}', m.id, String((e as Error)?.message ?? e)));
        });
        break;
      case 'action':
        void vscode.commands.executeCommand(Commands.repairEncoding);
        break;
      case 'term':
        void vscode.commands.executeCommand(Commands.showTermInternal, { id: m.id }).then(undefined, () => undefined);
        break;
    }
  }

  /** Follows a link clicked in the page: another lesson (and section), or an external https page. */
  async followLink(href: string): Promise<void> {
    if (/^(https?|mailto):/i.test(href) && isAllowedHref(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    if (!this.current) return;
    const course = await this.courses.get(this.current.language);
    const target = resolveLessonLink(this.current.path, href, course.pages);
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This link does not lead to a lesson in this course: {0}', href));
      return;
    }
    if (target.lesson.id === this.current.lessonId && target.section) this.scrollTo(target.section);
    else await this.show({ lessonId: target.lesson.id, section: target.section, language: this.current.language });
  }

  private scheduleScrollSave(): void {
    if (this.scrollSaveTimer) return;
    this.scrollSaveTimer = setTimeout(() => {
      this.scrollSaveTimer = undefined;
      void this.context.globalState.update(StateKeys.scroll, { ...this.scroll });
    }, 1000);
  }

  dispose(): void {
    if (this.scrollSaveTimer) {
      clearTimeout(this.scrollSaveTimer);
      void this.context.globalState.update(StateKeys.scroll, { ...this.scroll });
    }
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}


const glossaryVersions = new WeakMap<object, number>();
let nextGlossaryVersion = 1;
/** A number per glossary object: a changed user glossary is a new object, so lessons re-render. */
function glossaryVersion(g: object): number {
  let v = glossaryVersions.get(g);
  if (!v) glossaryVersions.set(g, (v = nextGlossaryVersion++));
  return v;
}

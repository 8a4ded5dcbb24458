import * as vscode from 'vscode';
import {
  buildPageShell,
  canonicalTerm,
  createNonce,
  escapeHtml,
  glossaryEntryMarkdown,
  mathLimitText,
  moveInlineStyles,
  type Glossary,
  type GlossaryEntry,
  type GlossaryLanguage,
  type RenderedLesson,
} from '../../core/activation';
import { Commands, WebviewTypes } from '../../constants';
import type { Log } from '../shared/deps';
import { loadRenderer } from '../shared/render/renderer';
import { RenderService } from '../shared/render/renderService';
import { renderWorkerPath } from '../shared/render/sharedRenderService';
import { contentLabels } from './labels';
import type { LessonIndex } from './lessonIndex';
import { parseEntryPageMessage } from './pageMessages';
import { errorMessage } from '../shared/errors';

export interface GlossaryEntryPanelOptions {
  /** Where entries render: the service the reader shares (sharedRenderService); without it, one of the page's own. */
  renderService?: RenderService;
  /** Test hook: renders an entry's markdown on the extension host (default: the reader's renderer, within `budgetMs`). */
  renderOnHost?: (markdown: string, budgetMs: number) => RenderedLesson;
}

/**
 * One webview panel showing a glossary entry: definition, explanation and formula with KaTeX (the
 * reader's renderer and fonts), the lesson that introduces it, where each lesson uses it, related
 * entries. A webview rather than a virtual document in the built-in preview: math renders with our
 * KaTeX and fonts whether or not markdown-math is enabled, and links can open the reader or another
 * entry without trusting command: URIs in the preview.
 */
export class GlossaryEntryPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private currentId: string | undefined;
  /** The open panel's subscriptions: disposed with it, so closing the page leaves nothing behind. */
  private panelSubscriptions: vscode.Disposable[] = [];
  /** The last entry put on the page and where it was rendered, for tests. */
  lastRender: { id: string; where: 'host' | 'worker'; untypesetFormulas?: number } | undefined;
  private readonly renderer: RenderService;
  private readonly renderOnHost: (markdown: string, budgetMs: number) => RenderedLesson;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly glossary: () => Glossary,
    private readonly language: () => GlossaryLanguage,
    private readonly lessons: LessonIndex,
    private readonly log: Log,
    options: GlossaryEntryPanelOptions = {},
  ) {
    this.renderOnHost = options.renderOnHost ?? ((m, budgetMs) => loadRenderer().renderLesson(m, { budgetMs }));
    this.renderer = options.renderService ?? new RenderService({ workerPath: renderWorkerPath(extensionUri), log });
  }

  /** Tests change the (shared) render limits through this (each setter returns the function that puts it back). */
  get testing(): RenderService['testing'] {
    return this.renderer.testing;
  }

  /** How many event subscriptions this object holds now, for tests. */
  get subscriptionCount(): number {
    return this.panelSubscriptions.length;
  }

  /** The page's HTML now, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  /** The entry shown now, for tests. */
  get shownId(): string | undefined {
    return this.panel ? this.currentId : undefined;
  }

  async show(id: string): Promise<boolean> {
    const entry = this.glossary().byId.get(id);
    if (!entry) return false;
    if (!this.panel) this.panel = this.createPanel(canonicalTerm(entry, this.language()));
    else this.panel.reveal(undefined, false);
    this.currentId = id;
    const language = this.language();
    const markdown = await this.entryMarkdown(entry, language);
    const body = await this.render(id, markdown);
    if (!this.panel || this.currentId !== id) return false;
    this.panel.title = canonicalTerm(entry, language);
    if ('error' in body) {
      // Said on the page (where the user looks) and in the log; never an unhandled rejection.
      const message = vscode.l10n.t('Cannot show the glossary entry {0}: {1}', id, errorMessage(body.error));
      this.setPage(id, language, `<p class="il-banner il-banner-warning" role="alert">${escapeHtml(message)}</p>`);
      this.lastRender = undefined;
      return false;
    }
    const untypeset = body.untypesetMath;
    if (untypeset)
      this.log.warn(
        `glossary entry "${id}": ${untypeset.formulas} formula(s) shown as TeX source: the entry's math passed ${mathLimitText(untypeset.limit)}`,
      );
    const note = untypeset
      ? `<p class="il-banner il-banner-info" role="status">${escapeHtml(vscode.l10n.t('This entry has more math than the reader typesets at once: {0} formula(s) are shown as TeX source.', untypeset.formulas))}</p>`
      : '';
    this.setPage(id, language, `${note}${body.html}`);
    this.lastRender = { id, where: body.where, untypesetFormulas: untypeset?.formulas };
    return true;
  }

  private createPanel(title: string): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      WebviewTypes.glossaryEntry,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [media] },
    );
    panel.iconPath = {
      light: vscode.Uri.joinPath(media, 'icons', 'reader-light.svg'),
      dark: vscode.Uri.joinPath(media, 'icons', 'reader-dark.svg'),
    };
    const subscriptions = (this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
    ]);
    subscriptions.push(
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        for (const d of subscriptions) d.dispose();
        if (this.panelSubscriptions === subscriptions) this.panelSubscriptions = [];
      }),
    );
    return panel;
  }

  /** The entry page's markdown: the entry, where it is introduced and used, in the language shown. */
  private async entryMarkdown(entry: GlossaryEntry, language: GlossaryLanguage): Promise<string> {
    const info = await this.lessons.lessons(language);
    const intro = entry.introducedIn && info.get(entry.introducedIn.lesson);
    const usages = await this.lessons.usages(this.glossary(), entry.id, language);
    const L = contentLabels(language);
    return glossaryEntryMarkdown({
      entry,
      glossary: this.glossary(),
      language,
      introducedLabel: intro
        ? L.lessonSection(intro.order, intro.sections.get(entry.introducedIn!.section) ?? entry.introducedIn!.section)
        : undefined,
      usages: usages.map((u) => ({
        lessonId: u.lesson.id,
        label: L.lessonTitle(u.lesson.order, u.lesson.title),
        section: u.firstSection,
        count: u.count,
      })),
      labels: {
        aliases: L.aliases,
        introducedIn: L.introducedIn,
        usedIn: L.usedIn,
        related: L.relatedTerms,
        reference: L.reference,
        notInLessons: L.notInLessonsHeading,
        notUsed: L.notUsed,
        times: L.times,
      },
    });
  }

  /** Puts `bodyHtml` on the open page, in the page shell with KaTeX's and the reader's styles. */
  private setPage(id: string, language: GlossaryLanguage, bodyHtml: string): void {
    if (!this.panel) return;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = this.panel.webview;
    webview.html = buildPageShell({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'glossary.js')).toString(),
      styleUris: [vscode.Uri.joinPath(media, 'katex', 'katex.min.css'), vscode.Uri.joinPath(media, 'reader.css')].map(
        (u) => webview.asWebviewUri(u).toString(),
      ),
      lang: language,
      title: this.panel.title,
      config: { id },
      body: `<article class="il-lesson il-glossary-entry">${bodyHtml}</article>`,
    });
  }

  /**
   * The entry's HTML, inline styles moved. Like the reader (the shared RenderService): on the extension host
   * within its budget, else (an entry from a glossary file with many long formulas) in a render worker. Never
   * throws: a failure on either side is logged and returned as `{ error }`.
   */
  private async render(
    id: string,
    markdown: string,
  ): Promise<
    { html: string; where: 'host' | 'worker'; untypesetMath?: RenderedLesson['untypesetMath'] } | { error: unknown }
  > {
    try {
      const { result, where } = await this.renderer.render({
        job: { markdown, lessonPath: '', pages: [], runnableSnippets: [], labels: {} },
        name: `glossary entry "${id}"`,
        // An entry is bare markdown (no lesson links to classify, no snippets): the renderer alone.
        renderOnHost: (job) => ({ rendered: this.renderOnHost(job.markdown, job.budgetMs!) }),
      }).result;
      const html = result.htmlParts ? result.htmlParts.join('') : moveInlineStyles(result.rendered.html);
      return { html, where: where === 'worker' ? 'worker' : 'host', untypesetMath: result.rendered.untypesetMath };
    } catch (e) {
      this.log.error(`glossary entry "${id}" could not be rendered`, e);
      return { error: e };
    }
  }

  private onMessage(m: unknown): void {
    const msg = parseEntryPageMessage(m);
    if (msg?.type === 'showTerm') {
      void this.show(msg.id).then(undefined, (e) => this.log.error(`glossary entry "${msg.id}" could not be shown`, e));
    } else if (msg?.type === 'showLesson') {
      void vscode.commands
        .executeCommand(Commands.showLesson, { lessonId: msg.lessonId, section: msg.section })
        .then(undefined, (e) => this.log.error(`glossary entry page: cannot open lesson ${msg.lessonId}`, e));
    } else if (msg?.type === 'openExternal') {
      // As the reader opens it: parsed strictly, as written (no second encoding).
      void Promise.resolve()
        .then(() => vscode.env.openExternal(vscode.Uri.parse(msg.href, true)))
        .then(undefined, (e) => this.log.error(`glossary entry page: cannot open ${msg.href}`, e));
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.panelSubscriptions) d.dispose();
    this.panelSubscriptions = [];
  }
}

import * as vscode from 'vscode';
import {
  buildPageShell,
  canonicalTerm,
  createNonce,
  escapeHtml,
  glossaryEntryMarkdown,
  HOST_RENDER_BUDGET_MS,
  isRenderOverBudget,
  mathLimitText,
  moveInlineStyles,
  type Glossary,
  type GlossaryLanguage,
  type RenderedLesson,
} from '../../core';
import { Commands, WebviewTypes } from '../../constants';
import type { Log } from '../shared/deps';
import { loadRenderer } from '../lessons/renderer';
import { RENDER_TIMEOUT_MS } from '../lessons/reader';
import { renderInWorker } from '../lessons/workerRender';
import { contentLabels } from './labels';
import type { LessonIndex } from './lessonIndex';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
const SECTION = /^[A-Za-z0-9][\w.:-]{0,200}$/;

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
  private readonly disposables: vscode.Disposable[] = [];
  /** The last entry put on the page and where it was rendered, for tests. */
  lastRender: { id: string; where: 'host' | 'worker'; untypesetFormulas?: number } | undefined;
  /** The extension host's time for one entry before it goes to a worker (tests lower it). */
  hostBudgetMs = HOST_RENDER_BUDGET_MS;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly glossary: () => Glossary,
    private readonly language: () => GlossaryLanguage,
    private readonly lessons: LessonIndex,
    private readonly log: Log,
  ) {}

  /** The entry shown now, for tests. */
  get shownId(): string | undefined {
    return this.panel ? this.currentId : undefined;
  }

  async show(id: string): Promise<boolean> {
    const entry = this.glossary().byId.get(id);
    if (!entry) return false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        WebviewTypes.glossaryEntry,
        canonicalTerm(entry, this.language()),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        {
          enableScripts: true,
          localResourceRoots: [media],
        },
      );
      this.panel.iconPath = {
        light: vscode.Uri.joinPath(media, 'icons', 'reader-light.svg'),
        dark: vscode.Uri.joinPath(media, 'icons', 'reader-dark.svg'),
      };
      this.panel.onDidDispose(
        () => {
          this.panel = undefined;
        },
        undefined,
        this.disposables,
      );
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, false);
    }
    this.currentId = id;
    const language = this.language();
    const info = await this.lessons.lessons(language);
    const intro = entry.introducedIn && info.get(entry.introducedIn.lesson);
    const usages = await this.lessons.usages(this.glossary(), id, language);
    const L = contentLabels(language);
    const markdown = glossaryEntryMarkdown({
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
    const body = await this.render(id, markdown);
    if (body === undefined || !this.panel || this.currentId !== id) return false;
    const webview = this.panel.webview;
    const nonce = createNonce();
    const untypeset = body.untypesetMath;
    if (untypeset)
      this.log.warn(
        `glossary entry "${id}": ${untypeset.formulas} formula(s) shown as TeX source: the entry's math passed ${mathLimitText(untypeset.limit)}`,
      );
    const note = untypeset
      ? `<p class="il-banner il-banner-info" role="status">${escapeHtml(vscode.l10n.t('This entry has more math than the reader typesets at once: {0} formula(s) are shown as TeX source.', untypeset.formulas))}</p>`
      : '';
    this.panel.title = canonicalTerm(entry, language);
    webview.html = buildPageShell({
      cspSource: webview.cspSource,
      nonce,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'glossary.js')).toString(),
      styleUris: [vscode.Uri.joinPath(media, 'katex', 'katex.min.css'), vscode.Uri.joinPath(media, 'reader.css')].map(
        (u) => webview.asWebviewUri(u).toString(),
      ),
      lang: language,
      title: canonicalTerm(entry, language),
      config: { id },
      body: `<article class="il-lesson il-glossary-entry">${note}${body.html}</article>`,
    });
    this.lastRender = { id, where: body.where, untypesetFormulas: untypeset?.formulas };
    return true;
  }

  /**
   * The entry's HTML, inline styles moved. Like the reader: on the extension host within its budget, else (an
   * entry from a glossary file with many long formulas) in a render worker. Undefined if that failed (said).
   */
  private async render(
    id: string,
    markdown: string,
  ): Promise<{ html: string; where: 'host' | 'worker'; untypesetMath?: RenderedLesson['untypesetMath'] } | undefined> {
    try {
      const rendered = loadRenderer().renderLesson(markdown, { budgetMs: this.hostBudgetMs });
      return { html: moveInlineStyles(rendered.html), where: 'host', untypesetMath: rendered.untypesetMath };
    } catch (e) {
      if (!isRenderOverBudget(e)) throw e;
    }
    this.log.info(
      `glossary entry "${id}": over ${this.hostBudgetMs} ms on the extension host; rendering it in a worker thread`,
    );
    const workerPath = vscode.Uri.joinPath(this.extensionUri, 'dist', 'render-worker.js').fsPath;
    try {
      const result = await renderInWorker(
        workerPath,
        { markdown, lessonPath: '', pages: [], runnableSnippets: [], labels: {} },
        RENDER_TIMEOUT_MS,
      ).result;
      return { html: (result.htmlParts ?? []).join(''), where: 'worker', untypesetMath: result.rendered.untypesetMath };
    } catch (e) {
      this.log.error(`glossary entry "${id}" could not be rendered`, e);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Cannot show the glossary entry {0}: {1}', id, e instanceof Error ? e.message : String(e)),
      );
      return undefined;
    }
  }

  private onMessage(m: unknown): void {
    if (!m || typeof m !== 'object') return;
    const msg = m as Record<string, unknown>;
    if (msg.type === 'showTerm' && typeof msg.id === 'string' && ID.test(msg.id)) {
      void this.show(msg.id);
    } else if (
      msg.type === 'showLesson' &&
      typeof msg.lessonId === 'string' &&
      ID.test(msg.lessonId) &&
      (msg.section === undefined || (typeof msg.section === 'string' && SECTION.test(msg.section)))
    ) {
      void vscode.commands.executeCommand(Commands.showLesson, { lessonId: msg.lessonId, section: msg.section });
    } else if (msg.type === 'openExternal' && typeof msg.href === 'string' && /^https:\/\/[^\s]+$/i.test(msg.href)) {
      void vscode.env.openExternal(vscode.Uri.parse(msg.href));
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

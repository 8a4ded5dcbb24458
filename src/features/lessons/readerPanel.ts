import * as vscode from 'vscode';
import { buildPageShell, createNonce, escapeHtml } from '../../core/activation';
import { ContextKeys, WebviewTypes } from '../../constants';
import { POST_PART_CHARS, splitForPosting } from '../shared/render/renderJob';

/** What the page is asked to show: an article (in parts for a big lesson), its title and where to scroll. */
export interface PageContent {
  html: string | readonly string[];
  lessonId: string;
  title: string;
  language?: string;
  scroll?: { section?: string; ratio?: number };
}

export interface ReaderPanelOptions {
  extensionUri: vscode.Uri;
  /** Folders the page may load from besides media/ (the lessons' figures). */
  lessonsUri: vscode.Uri;
  lang: string;
  fontSize: number | undefined;
  /** Every message the page sends, unparsed. */
  onMessage: (raw: unknown) => void;
  /** The panel was closed (by the user, or by the reader). */
  onDidDispose: () => void;
}

/**
 * The reader's webview: its page shell, the ready handshake (content sent before the page script is
 * ready waits for it), and posting, in parts for a big article. Once disposed it posts nothing.
 */
export class ReaderPanel implements vscode.Disposable {
  private ready = false;
  private pending: PageContent | undefined;
  private postSeq = 0;
  private disposedFlag = false;
  private readonly subscriptions: vscode.Disposable[];

  /** Adopts a panel: a new one, or one VS Code restored after a reload. */
  constructor(
    readonly webviewPanel: vscode.WebviewPanel,
    private readonly options: ReaderPanelOptions,
  ) {
    const media = vscode.Uri.joinPath(options.extensionUri, 'media', 'icons');
    webviewPanel.iconPath = {
      light: vscode.Uri.joinPath(media, 'reader-light.svg'),
      dark: vscode.Uri.joinPath(media, 'reader-dark.svg'),
    };
    webviewPanel.webview.options = { enableScripts: true, localResourceRoots: localRoots(options) };
    webviewPanel.webview.html = this.shell();
    this.subscriptions = [
      webviewPanel.webview.onDidReceiveMessage((m) => options.onMessage(m)),
      webviewPanel.onDidChangeViewState((e) => setFocused(e.webviewPanel.active)),
      webviewPanel.onDidDispose(() => this.onDisposed()),
    ];
    setFocused(webviewPanel.active);
  }

  get disposed(): boolean {
    return this.disposedFlag;
  }

  get title(): string {
    return this.webviewPanel.title;
  }

  set title(title: string) {
    if (!this.disposedFlag) this.webviewPanel.title = title;
  }

  reveal(column?: vscode.ViewColumn): void {
    if (!this.disposedFlag) this.webviewPanel.reveal(column, false);
  }

  /** The page script is ready: what waited for it is posted now. Returns whether something was waiting. */
  pageReady(): boolean {
    this.ready = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.show(pending);
    return !!pending;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** A small message (settings, scroll to a section). */
  postMessage(message: Record<string, unknown>): void {
    if (!this.disposedFlag) void this.webviewPanel.webview.postMessage(message);
  }

  /** Shows content on the page, or keeps it until the page is ready. A newer show stops an older stream. */
  show(content: PageContent): void {
    if (this.disposedFlag) return;
    if (!this.ready) {
      this.pending = content;
      return;
    }
    const stream = ++this.postSeq;
    const parts = typeof content.html === 'string' ? [content.html] : content.html;
    const message = { type: 'show', ...content, html: '' };
    if (parts.reduce((n, p) => n + p.length, 0) <= POST_PART_CHARS)
      this.postMessage({ ...message, html: parts.join('') });
    else
      void this.postInParts(
        stream,
        message,
        parts.flatMap((p) => (p.length > POST_PART_CHARS ? splitForPosting(p) : [p])),
      );
  }

  /**
   * A big article goes to the page in parts, each awaited: one postMessage of an 11 MB article held the
   * extension host 1.7 s (JSON and IPC encoding). The last part carries the rest of the 'show' message;
   * a newer post or a closed panel stops the stream, and the page drops a stream it did not get whole.
   */
  private async postInParts(stream: number, message: Record<string, unknown>, parts: readonly string[]): Promise<void> {
    for (let i = 0; i < parts.length; i++) {
      if (stream !== this.postSeq || this.disposedFlag) return;
      const last = i === parts.length - 1;
      await this.webviewPanel.webview.postMessage(
        last
          ? { ...message, html: parts[i], stream, index: i }
          : { type: 'showPart', stream, index: i, html: parts[i] },
      );
    }
  }

  private shell(): string {
    const webview = this.webviewPanel.webview;
    const media = (...p: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'media', ...p)).toString();
    return buildPageShell({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: media('reader.js'),
      styleUris: [media('katex', 'katex.min.css'), media('reader.css')],
      lang: this.options.lang,
      title: vscode.l10n.t('Lesson'),
      config: { fontSize: this.options.fontSize },
      body: `<p class="il-empty">${escapeHtml(vscode.l10n.t('Loading lesson…'))}</p>`,
    });
  }

  private onDisposed(): void {
    this.disposedFlag = true;
    this.pending = undefined;
    for (const d of this.subscriptions) d.dispose();
    setFocused(false);
    this.options.onDidDispose();
  }

  dispose(): void {
    this.webviewPanel.dispose();
  }
}

/** A new reader webview in `column`, for a ReaderPanel to adopt. */
export function createReaderWebview(
  column: vscode.ViewColumn,
  roots: Pick<ReaderPanelOptions, 'extensionUri' | 'lessonsUri'>,
): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    WebviewTypes.reader,
    vscode.l10n.t('Lesson'),
    { viewColumn: column, preserveFocus: false },
    { enableScripts: true, enableFindWidget: true, localResourceRoots: localRoots(roots) },
  );
}

function localRoots(options: Pick<ReaderPanelOptions, 'extensionUri' | 'lessonsUri'>): vscode.Uri[] {
  return [vscode.Uri.joinPath(options.extensionUri, 'media'), options.lessonsUri];
}

function setFocused(focused: boolean): void {
  void vscode.commands.executeCommand('setContext', ContextKeys.readerFocused, focused);
}

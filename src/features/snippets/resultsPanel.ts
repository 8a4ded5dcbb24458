import * as vscode from 'vscode';
import {
  buildPageShell,
  createNonce,
  findSnippet,
  formatCell,
  formatFull,
  formatNumber,
  parseResultsMessage,
  pick,
  plotToSvg,
  type Language,
  type PanelAction,
  type RenderReport,
  type Cell,
  type ResultView,
  type SnippetResult,
  type ViewCell,
} from '../../core/activation';
import { WebviewTypes } from '../../constants';

/**
 * A cell as the page shows it: text as it is; a number with `digits` significant digits (never an integer for
 * a value that is not one) and its full-precision value as the hover.
 */
function viewCell(cell: Cell, language: Language, digits?: number): ViewCell {
  return typeof cell === 'number'
    ? { text: formatNumber(cell, digits), title: formatFull(cell) }
    : formatCell(cell, language);
}

/** Builds the page's view of a result in the lesson language. */
export function resultView(
  runId: number,
  result: SnippetResult,
  language: Language,
  options: { revealOnClick: boolean; rerunLabel: string },
): ResultView {
  const entry = findSnippet(result.snippetId);
  const labelOf = (name: string) => {
    const p = entry?.parameters.find((q) => q.name === name);
    return p ? pick(p.label, language) : name;
  };
  return {
    runId,
    snippetId: result.snippetId,
    status: 'done',
    title: pick(result.title, language),
    description: entry ? pick(entry.description, language) : undefined,
    question: entry ? pick(entry.question, language) : undefined,
    revealOnClick: options.revealOnClick && !!entry,
    params: Object.entries(result.params).map(([k, v]) => [labelOf(k), formatNumber(v)]),
    summary: result.summary.map((s) => [pick(s.label, language), viewCell(s.value, language)]),
    notes: result.notes.map((n) => pick(n, language)),
    tables: result.tables.map((t) => ({
      title: pick(t.title, language),
      columns: t.columns.map((c) => pick(c, language)),
      rows: t.rows.map((r) => r.map((c) => viewCell(c, language, t.digits))),
    })),
    plots: result.plots.map((p) => plotToSvg(p, language)),
    canRerun: true,
    rerunLabel: options.rerunLabel,
    job: entry ? { id: entry.id, params: { ...result.params } } : undefined,
  };
}

/**
 * The single results panel: the prediction question first, then (after the run) summary, notes,
 * plots and tables, with Copy as Markdown / Open as Python / Run Again. Data goes to the page by
 * postMessage; the page reports back when it rendered and how many SVG plots it holds.
 */
export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private view: ResultView | undefined;
  /** The open panel's listeners: each panel's go when it closes, the rest on dispose(). */
  private readonly disposables = new Set<vscode.Disposable>();
  private readonly renderEmitter = new vscode.EventEmitter<RenderReport>();
  private readonly actionEmitter = new vscode.EventEmitter<PanelAction>();
  readonly onDidRender = this.renderEmitter.event;
  /** The page's last report (tests that start listening after a restore). */
  lastReport: RenderReport | undefined;
  readonly onDidRequestAction = this.actionEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** How many event subscriptions this object holds now, for tests. */
  get subscriptionCount(): number {
    return this.disposables.size;
  }

  get visible(): boolean {
    return !!this.panel;
  }

  /**
   * Adopts the panel VS Code restored after a window reload and returns the view its page last showed
   * (kept in the page's state), if any.
   */
  revive(panel: vscode.WebviewPanel, state: unknown): ResultView | undefined {
    this.panel?.dispose();
    this.attach(panel, panel.title);
    const view = (state as { view?: unknown } | undefined)?.view;
    return view &&
      typeof view === 'object' &&
      typeof (view as ResultView).title === 'string' &&
      Array.isArray((view as ResultView).plots)
      ? (view as ResultView)
      : undefined;
  }

  /** Shows a view (creating the panel on first use) without taking focus from the editor. */
  show(view: ResultView): void {
    this.view = view;
    if (!this.panel) this.create(view.title);
    else {
      this.panel.title = view.title;
      if (!this.panel.visible) this.panel.reveal(undefined, true);
    }
    if (this.ready) void this.panel!.webview.postMessage({ type: 'show', view });
  }

  private create(title: string): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      WebviewTypes.snippetResults,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [media],
        retainContextWhenHidden: true,
      },
    );
    this.attach(panel, title);
  }

  private attach(panel: vscode.WebviewPanel, title: string): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    this.panel = panel;
    this.ready = false;
    const subscriptions = [
      panel.onDidDispose(() => {
        for (const d of subscriptions) {
          d.dispose();
          this.disposables.delete(d);
        }
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
    ];
    for (const d of subscriptions) this.disposables.add(d);
    const webview = panel.webview;
    const nonce = createNonce();
    webview.html = buildPageShell({
      cspSource: webview.cspSource,
      nonce,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'results.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(media, 'results.css')).toString()],
      lang: vscode.env.language,
      title,
      config: {
        labels: {
          predict: vscode.l10n.t('Predict before you run'),
          running: vscode.l10n.t('Running…'),
          reveal: vscode.l10n.t('Reveal the results'),
          revealHint: vscode.l10n.t('Write down your answer first.'),
          parameters: vscode.l10n.t('Parameters'),
          results: vscode.l10n.t('Results'),
          copyMarkdown: vscode.l10n.t('Copy as Markdown'),
          openPython: vscode.l10n.t('Open as Python'),
          failed: vscode.l10n.t('The run failed'),
          notes: vscode.l10n.t('Notes'),
          plotError: vscode.l10n.t('This plot could not be drawn.'),
        },
      },
    });
  }

  private onMessage(raw: unknown): void {
    const m = parseResultsMessage(raw);
    if (!m) return;
    if (m.type === 'ready') {
      this.ready = true;
      if (this.view && this.panel) void this.panel.webview.postMessage({ type: 'show', view: this.view });
    } else if (m.type === 'rendered') {
      if (this.view?.runId !== m.runId) return;
      this.lastReport = {
        runId: m.runId,
        snippetId: this.view.snippetId,
        status: m.status,
        svgCount: m.svgCount,
        tableCount: m.tableCount,
        revealed: m.revealed,
        cellTitles: m.cellTitles ?? [],
      };
      this.renderEmitter.fire(this.lastReport);
    } else {
      this.actionEmitter.fire(m);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.renderEmitter.dispose();
    this.actionEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

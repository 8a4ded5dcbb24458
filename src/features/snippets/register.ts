import * as vscode from 'vscode';
import type { RenderReport, SnippetParams } from '../../core/activation';
import { WebviewTypes } from '../../constants';
import { registerCommands } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { ui } from '../shared/ui';
import type * as Body from './body';
import { RegressionCodeLensProvider } from './codeLens';
import { SNIPPETS_COMMANDS } from './commandIds';
import type { SnippetRunner } from './runner';
import type { RunFailure } from './runs';

// The body (panel, runner, runs, pickers, data files) is loaded on first use: dist/lazy-snippets.js (esbuild.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadBody = () => require('./body') as typeof Body;

/** What tests (and the lesson reader) can use. */
export interface SnippetsApi {
  /** The results page rendered a run (with how many SVG plots and tables). */
  onDidRender: vscode.Event<RenderReport>;
  /** A run failed; the message names line, row and column where it can. */
  onDidFail: vscode.Event<RunFailure>;
  /** The runner (reading it loads the feature's body). */
  readonly runner: SnippetRunner;
  /** Runs a catalogue snippet and shows it (the same as the reader's Run button). */
  run(id: string, params?: Partial<SnippetParams>): Promise<void>;
  /** The Markdown note and the Python script of the last successful run. */
  lastMarkdown(): string | undefined;
  lastPython(): string | undefined;
  /** The results page's last report. */
  lastReport(): RenderReport | undefined;
  /** Tests: the next run of each snippet asks its prediction question again, as in a new session. */
  forgetRevealed(): void;
  /** What the webview serializer does after a window reload (tests hand it a panel and a saved state). */
  revive(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

/**
 * Snippets: commands, the results panel, the regression CodeLens, and runs in a worker thread. Activation
 * registers the commands, the CodeLens provider and the panel serializer; their bodies load on the first call.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): SnippetsApi {
  const failed = new vscode.EventEmitter<RunFailure>();
  const rendered = new vscode.EventEmitter<RenderReport>();
  let body: Body.SnippetsBody | undefined;
  const get = () => (body ??= loadBody().createSnippetsBody(context, deps, { ui, failed, rendered }));
  const shell =
    (id: Body.SnippetsCommandId) =>
    (...args: never[]) =>
      get().commands[id](...args);

  context.subscriptions.push(
    failed,
    rendered,
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.snippetResults, {
      deserializeWebviewPanel: (p, state) => get().revive(p, state),
    }),
    registerCommands(SNIPPETS_COMMANDS.map((id) => ({ id, run: shell(id) }))),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, new RegressionCodeLensProvider()),
  );

  return {
    onDidRender: rendered.event,
    onDidFail: failed.event,
    get runner() {
      return get().runner;
    },
    run: (id, params) => get().run(id, params),
    lastMarkdown: () => body?.lastMarkdown(),
    lastPython: () => body?.lastPython(),
    lastReport: () => body?.lastReport(),
    forgetRevealed: () => body?.forgetRevealed(),
    revive: (p, state) => get().revive(p, state),
  };
}
